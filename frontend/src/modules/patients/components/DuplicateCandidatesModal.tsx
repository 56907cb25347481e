import { List, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { DuplicateCandidateDescription } from "./DuplicateCandidateDescription";
import { DuplicateCandidateTitle } from "./DuplicateCandidateTitle";

/** One look-alike patient from a 409 `duplicate_candidates` error. */
export type DuplicateCandidate = {
  patient_id: string;
  reasons: string[];
};

export type DuplicateCandidatesModalProps = {
  open: boolean;
  candidates: DuplicateCandidate[];
  confirming: boolean;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Shown when registration finds look-alike patients: open one of them, or register anyway. */
export function DuplicateCandidatesModal({ open, candidates, confirming, onConfirm, onCancel }: DuplicateCandidatesModalProps) {
  const { t } = useTranslation();

  return (
    <Modal
      open={open}
      title={t("patients.duplicates.title")}
      okText={t("patients.duplicates.registerAnyway")}
      cancelText={t("common.cancel")}
      confirmLoading={confirming}
      onOk={onConfirm}
      onCancel={onCancel}
      width={640}
    >
      <Typography.Paragraph>{t("patients.duplicates.createHint")}</Typography.Paragraph>
      <List
        dataSource={candidates}
        rowKey="patient_id"
        renderItem={(candidate) => (
          <List.Item>
            <List.Item.Meta title={<DuplicateCandidateTitle patientId={candidate.patient_id} />} description={<DuplicateCandidateDescription patientId={candidate.patient_id} reasons={candidate.reasons} />} />
          </List.Item>
        )}
      />
    </Modal>
  );
}
