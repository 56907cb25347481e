import { Form, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { PartnerPicker } from "@/modules/partners/components/PartnerPicker";

export type PartnerRoleModalProps = {
  /** Display name of the user who gets the partner role, or null to close the dialog. */
  userName: string | null;
  saving: boolean;
  onSave: (partnerId: string) => void;
  onCancel: () => void;
};

/** Ask for the partner organization a user belongs to before giving them the partner role. */
export function PartnerRoleModal({ userName, saving, onSave, onCancel }: PartnerRoleModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ partner_id: string }>();

  return (
    <Modal
      open={userName !== null}
      title={t("admin.users.partnerRoleTitle", { name: userName ?? "" })}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnClose
    >
      <Typography.Paragraph>{t("admin.users.partnerRoleHint")}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false} onFinish={(values) => onSave(values.partner_id)}>
        <Form.Item name="partner_id" label={t("nav.partners")} rules={[{ required: true, message: t("admin.users.partnerRequired") }]}>
          <PartnerPicker allowClear />
        </Form.Item>
      </Form>
    </Modal>
  );
}
