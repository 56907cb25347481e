import { channels, priorities } from "@/api/enums";
import { Form, Input, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";

import { FormDatePicker } from "@/modules/common/components/FormDatePicker";
import { FormDateRangePicker } from "@/modules/common/components/FormDateRangePicker";
import { useFormDraft } from "@/modules/common/hooks/useFormDraft";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { useDepartments } from "@/modules/departments/hooks/useDepartments";
import { departmentName } from "@/modules/departments/utils/departmentName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { type CaseCreateBody, useCreateCase } from "../hooks/useCreateCase";


type CaseFormValues = {
  department_id?: string;
  requested_treatment?: string;
  channel: CaseCreateBody["channel"];
  priority: NonNullable<CaseCreateBody["priority"]>;
  desired_dates?: [Dayjs, Dayjs] | null;
  received_on?: Dayjs | null;
  notes?: string;
};

export type CaseCreateModalProps = {
  patientId: string;
  open: boolean;
  onClose: () => void;
};

/** Open a new case (inquiry) for a patient. */
export function CaseCreateModal({ patientId, open, onClose }: CaseCreateModalProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const { language } = useUiLanguage();
  const [form] = Form.useForm<CaseFormValues>();
  const departments = useDepartments();
  const createCase = useCreateCase();
  const draft = useFormDraft(form, "case-create");

  const cancel = () => {
    draft.clear();
    onClose();
  };

  const onFinish = (values: CaseFormValues) => {
    const body: CaseCreateBody = {
      patient_id: patientId,
      department_id: values.department_id ?? null,
      requested_treatment: values.requested_treatment?.trim() || null,
      channel: values.channel,
      priority: values.priority,
      desired_date_from: values.desired_dates?.[0]?.format("YYYY-MM-DD") ?? null,
      desired_date_to: values.desired_dates?.[1]?.format("YYYY-MM-DD") ?? null,
      received_on: values.received_on?.format("YYYY-MM-DD") ?? null,
      notes: values.notes?.trim() || null,
    };
    createCase.mutate(body, {
      onSuccess: () => {
        void message.success(t("cases.created"));
        draft.clear();
        form.resetFields();
        onClose();
      },
      onError: (error) => {
        applyApiFieldErrors(form, error, t);
        void message.error(translateApiError(error, t));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t("cases.new")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={createCase.isPending}
      onOk={() => form.submit()}
      onCancel={cancel}
      destroyOnClose
    >
      <Form<CaseFormValues> form={form} layout="vertical" initialValues={{ priority: "normal", channel: "email", received_on: dayjs() }} onValuesChange={(_, values) => draft.save(values)} onFinish={onFinish}>
        <Form.Item name="department_id" label={t("cases.department")}>
          <Select allowClear options={(departments.data ?? []).map((department) => ({ value: department.id, label: departmentName(department, language) }))} />
        </Form.Item>
        <Form.Item name="requested_treatment" label={t("cases.requestedTreatment")}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="received_on" label={t("cases.receivedOn")} extra={t("cases.receivedOnHint")}>
          <FormDatePicker format={["YYYY/MM/DD", "YYYY-MM-DD"]} disabledDate={(day) => day.isAfter(dayjs(), "day")} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="channel" label={t("cases.channel")} rules={[{ required: true, message: t("fieldErrors.missing") }]}>
          <Select options={channels.map((value) => ({ value, label: t(`channels.${value}`) }))} />
        </Form.Item>
        <Form.Item name="priority" label={t("cases.priority")}>
          <Select options={priorities.map((value) => ({ value, label: t(`priority.${value}`) }))} />
        </Form.Item>
        <Form.Item name="desired_dates" label={t("cases.desiredDates")}>
          <FormDateRangePicker format="YYYY/MM/DD" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="notes" label={t("cases.notes")}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
