import { Button, Form, Input } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";

import { useSession } from "@/modules/auth/hooks/useSession";
import { FormDatePicker } from "@/modules/common/components/FormDatePicker";
import { useFormDraft } from "@/modules/common/hooks/useFormDraft";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { tokyoTimeZone } from "@/modules/common/utils/tokyoTimeZone";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { UserPicker } from "@/modules/users/components/UserPicker";

import { type TaskCreateBody, useCreateTask } from "../hooks/useCreateTask";

type TaskFormValues = {
  title: string;
  due_at?: Dayjs | null;
  assignee_id?: string;
};

export type TaskCreateFormProps = {
  patientId: string;
  caseId?: string;
};

/** Add a task to a case or patient; the due time is entered in Tokyo time. */
export function TaskCreateForm({ patientId, caseId }: TaskCreateFormProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const { user } = useSession();
  const [form] = Form.useForm<TaskFormValues>();
  const createTask = useCreateTask();
  const draft = useFormDraft(form, "task-create");

  const onFinish = (values: TaskFormValues) => {
    const body: TaskCreateBody = {
      title: values.title.trim(),
      // The picker shows wall time; read it as Tokyo time whatever the browser's zone is.
      due_at: values.due_at ? values.due_at.tz(tokyoTimeZone, true).toISOString() : null,
      assignee_id: values.assignee_id ?? user?.id ?? null,
      patient_id: patientId,
      case_id: caseId ?? null,
    };
    createTask.mutate(body, {
      onSuccess: () => {
        void message.success(t("tasks.created"));
        draft.clear();
        form.resetFields();
      },
      onError: (error) => {
        applyApiFieldErrors(form, error, t);
        void message.error(translateApiError(error, t));
      },
    });
  };

  return (
    <Form<TaskFormValues> form={form} layout="inline" onValuesChange={(_, values) => draft.save(values)} onFinish={onFinish} style={{ marginBottom: 12, rowGap: 8 }}>
      <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t("tasks.titleRequired") }]}>
        <Input placeholder={t("tasks.titlePlaceholder")} aria-label={t("tasks.title")} style={{ width: 260 }} />
      </Form.Item>
      <Form.Item name="due_at">
        <FormDatePicker showTime={{ format: "HH:mm" }} format="YYYY/MM/DD HH:mm" placeholder={t("tasks.dueTokyo")} aria-label={t("tasks.dueTokyo")} />
      </Form.Item>
      <Form.Item name="assignee_id">
        <UserPicker activeOnly allowClear placeholder={t("tasks.assignee")} aria-label={t("tasks.assignee")} style={{ width: 180 }} />
      </Form.Item>
      <Button htmlType="submit" loading={createTask.isPending}>
        {t("tasks.add")}
      </Button>
    </Form>
  );
}
