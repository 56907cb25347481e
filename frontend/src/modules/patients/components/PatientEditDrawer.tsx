import { Drawer, Form, Modal } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useFormDraft } from "@/modules/common/hooks/useFormDraft";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { useUnsavedChangesWarning } from "@/modules/common/hooks/useUnsavedChangesWarning";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { useNormalisedPhoneNotice } from "../hooks/useNormalisedPhoneNotice";
import { useUpdatePatient } from "../hooks/useUpdatePatient";
import type { PatientFormValues } from "../utils/PatientFormValues";
import { patientFormToBody } from "../utils/patientFormToBody";
import { PatientForm } from "./PatientForm";

export type PatientEditDrawerProps = {
  patientId: string;
  open: boolean;
  initialValues: PatientFormValues;
  onClose: () => void;
};

/** Edit a patient's profile in a side drawer. Closing it with unsaved changes needs a confirmation. */
export function PatientEditDrawer({ patientId, open, initialValues, onClose }: PatientEditDrawerProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<PatientFormValues>();
  const updatePatient = useUpdatePatient(patientId);
  const notePhoneChanges = useNormalisedPhoneNotice();
  const draft = useFormDraft(form, "patient-edit");
  const [dirty, setDirty] = useState(draft.restored);
  useUnsavedChangesWarning(open && dirty, draft.clear);

  const close = () => {
    draft.clear();
    setDirty(false);
    form.resetFields();
    onClose();
  };

  const requestClose = () => {
    if (!dirty) {
      close();
      return;
    }
    Modal.confirm({
      title: t("common.unsavedTitle"),
      content: t("common.unsavedBody"),
      okText: t("common.discard"),
      cancelText: t("common.stay"),
      onOk: close,
    });
  };

  const onFinish = (values: PatientFormValues) => {
    const body = patientFormToBody(values, "edit");
    updatePatient.mutate(body, {
      onSuccess: (patient) => {
        void message.success(t("common.saved"));
        notePhoneChanges(body.phones, patient.phones);
        close();
      },
      onError: (error) => {
        applyApiFieldErrors(form, error, t);
        void message.error(translateApiError(error, t));
      },
    });
  };

  return (
    <Drawer open={open} width={Math.min(880, window.innerWidth)} title={t("patients.edit")} onClose={requestClose} destroyOnClose>
      <PatientForm
        form={form}
        mode="edit"
        initialValues={initialValues}
        submitting={updatePatient.isPending}
        onValuesChange={(values) => {
          setDirty(true);
          draft.save(values);
        }}
        onFinish={onFinish}
        onCancel={requestClose}
      />
    </Drawer>
  );
}
