import { Form, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";

import { ApiError } from "@/api/ApiError";
import { useFormDraft } from "@/modules/common/hooks/useFormDraft";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { useUnsavedChangesWarning } from "@/modules/common/hooks/useUnsavedChangesWarning";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { type PatientCreateBody, useCreatePatient } from "../hooks/useCreatePatient";
import { useNormalisedPhoneNotice } from "../hooks/useNormalisedPhoneNotice";
import type { PatientFormValues } from "../utils/PatientFormValues";
import { patientFormToBody } from "../utils/patientFormToBody";
import { type DuplicateCandidate, DuplicateCandidatesModal } from "./DuplicateCandidatesModal";
import { PatientForm } from "./PatientForm";

/** Register a patient; look-alike patients found by the API are shown before anything is saved twice. */
export function PatientCreatePage() {
  const { t } = useTranslation();
  const message = useMessage();
  const navigate = useNavigate();
  const [form] = Form.useForm<PatientFormValues>();
  const createPatient = useCreatePatient();
  const notePhoneChanges = useNormalisedPhoneNotice();
  const draft = useFormDraft(form, "patient");
  const [dirty, setDirty] = useState(draft.restored);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const [pendingBody, setPendingBody] = useState<PatientCreateBody | null>(null);
  useUnsavedChangesWarning(dirty && savedId === null, draft.clear);

  useEffect(() => {
    if (savedId) navigate(`/patients/${savedId}`);
  }, [savedId, navigate]);

  const submit = (body: PatientCreateBody) => {
    createPatient.mutate(body, {
      onSuccess: (patient) => {
        void message.success(t("common.saved"));
        notePhoneChanges(body.phones, patient.phones);
        draft.clear();
        setDirty(false);
        setSavedId(patient.id);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.code === "duplicate_candidates") {
          setCandidates((error.details.candidates as DuplicateCandidate[] | undefined) ?? []);
          setPendingBody(body);
          return;
        }
        applyApiFieldErrors(form, error, t);
        void message.error(translateApiError(error, t));
      },
    });
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t("patients.new")}
      </Typography.Title>
      <PatientForm
        form={form}
        mode="create"
        submitting={createPatient.isPending}
        onValuesChange={(values) => {
          setDirty(true);
          draft.save(values);
        }}
        onFinish={(values) => submit(patientFormToBody(values, "create"))}
        onCancel={() => navigate("/patients")}
      />
      <DuplicateCandidatesModal
        open={pendingBody !== null}
        candidates={candidates}
        confirming={createPatient.isPending}
        onCancel={() => setPendingBody(null)}
        onConfirm={() => {
          if (pendingBody) submit({ ...pendingBody, confirm_duplicate: true });
          setPendingBody(null);
        }}
      />
    </>
  );
}
