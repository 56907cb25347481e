import { List, Modal, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { patientDisplayName } from "../utils/patientDisplayName";

export type DuplicateCandidate = {
  patient: {
    id: string;
    family_name?: string | null;
    given_name?: string | null;
    name_latin?: string | null;
    date_of_birth?: string | null;
    nationality?: string | null;
  };
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
  const { language } = useUiLanguage();

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
        renderItem={(candidate) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Link to={`/patients/${candidate.patient.id}`} target="_blank">
                  {patientDisplayName(candidate.patient)}
                </Link>
              }
              description={[formatDate(candidate.patient.date_of_birth), countryName(candidate.patient.nationality, language)].filter(Boolean).join("・")}
            />
            {candidate.reasons.map((reason) => (
              <Tag key={reason} color="orange">
                {t(`patients.duplicates.reasons.${reason}`)}
              </Tag>
            ))}
          </List.Item>
        )}
      />
    </Modal>
  );
}
