import { Input, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export type LostReasonModalProps = {
  open: boolean;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
};

/** Ask why a case was lost before moving it to `lost`; the reason feeds the loss statistics. */
export function LostReasonModal({ open, onSubmit, onCancel }: LostReasonModalProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const trimmed = reason.trim();

  return (
    <Modal
      open={open}
      title={t("pipeline.lostReasonTitle")}
      okText={t("pipeline.moveToLost")}
      cancelText={t("common.cancel")}
      okButtonProps={{ disabled: trimmed === "" }}
      onOk={() => {
        onSubmit(trimmed);
        setReason("");
      }}
      onCancel={() => {
        setReason("");
        onCancel();
      }}
      destroyOnClose
    >
      <label htmlFor="lost-reason">{t("cases.lostReason")}</label>
      <Input.TextArea id="lost-reason" rows={3} value={reason} onChange={(event) => setReason(event.target.value)} autoFocus />
    </Modal>
  );
}
