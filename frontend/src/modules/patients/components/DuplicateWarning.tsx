import { Alert, Button, List, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { useMessage } from "@/modules/common/hooks/useMessage";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { useMergePatient } from "../hooks/useMergePatient";
import { usePatientDuplicates } from "../hooks/usePatientDuplicates";
import { patientDisplayName } from "../utils/patientDisplayName";
import { DuplicateReasonTags } from "./DuplicateReasonTags";
import { PatientBirthAndNationality } from "./PatientBirthAndNationality";

export type DuplicateWarningProps = {
  patientId: string;
  canMerge: boolean;
};

/** Warn about patients who may be the same person, and merge one into this record after confirmation. */
export function DuplicateWarning({ patientId, canMerge }: DuplicateWarningProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const { data } = usePatientDuplicates(patientId);
  const merge = useMergePatient(patientId);
  const [open, setOpen] = useState(false);
  const candidates = data ?? [];

  if (candidates.length === 0) {
    return null;
  }

  const confirmMerge = (duplicateId: string, name: string) => {
    Modal.confirm({
      title: t("patients.duplicates.mergeTitle"),
      content: t("patients.duplicates.mergeBody", { name }),
      okText: t("patients.duplicates.merge"),
      okButtonProps: { danger: true },
      cancelText: t("common.cancel"),
      onOk: () =>
        merge.mutateAsync(duplicateId).then(
          () => {
            void message.success(t("patients.duplicates.merged"));
            setOpen(false);
          },
          (error: unknown) => void message.error(translateApiError(error, t)),
        ),
    });
  };

  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={t("patients.duplicates.warning", { count: candidates.length })}
        action={
          <Button size="small" onClick={() => setOpen(true)}>
            {t("patients.duplicates.review")}
          </Button>
        }
      />
      <Modal open={open} title={t("patients.duplicates.title")} footer={null} onCancel={() => setOpen(false)} width={680}>
        <List
          dataSource={candidates}
          renderItem={(candidate) => {
            const name = patientDisplayName(candidate.patient);
            return (
              <List.Item
                actions={
                  canMerge
                    ? [
                        <Button key="merge" danger size="small" loading={merge.isPending} onClick={() => confirmMerge(candidate.patient.id, name)}>
                          {t("patients.duplicates.mergeInto")}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={<Link to={`/patients/${candidate.patient.id}`}>{name}</Link>}
                  description={
                    <>
                      <PatientBirthAndNationality patient={candidate.patient} />
                      <DuplicateReasonTags reasons={candidate.reasons} />
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      </Modal>
    </>
  );
}
