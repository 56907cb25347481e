import { Button, Form, Input, Select } from "antd";
import { directions } from "@/api/enums";
import { listOfAll } from "@/api/listOfAll";
import { useTranslation } from "react-i18next";

import { useFormDraft } from "@/modules/common/hooks/useFormDraft";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { useUnsavedChangesWarning } from "@/modules/common/hooks/useUnsavedChangesWarning";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { type ActivityCreateBody, useCreateActivity } from "../hooks/useCreateActivity";

const KINDS = listOfAll<ActivityCreateBody["kind"]>()(["note", "call", "email", "message"] as const);

type NoteValues = {
  kind: ActivityCreateBody["kind"];
  direction?: NonNullable<ActivityCreateBody["direction"]>;
  subject?: string;
  body: string;
};

export type QuickNoteFormProps = {
  patientId: string;
  caseId?: string;
};

/** Record a note, call, email or message on a patient's or case's timeline. */
export function QuickNoteForm({ patientId, caseId }: QuickNoteFormProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const [form] = Form.useForm<NoteValues>();
  const createActivity = useCreateActivity();
  const kind = Form.useWatch("kind", form);
  const body = Form.useWatch("body", form);
  const draft = useFormDraft(form, "quick-note");
  useUnsavedChangesWarning(Boolean(body?.trim()), draft.clear);

  const onFinish = (values: NoteValues) => {
    createActivity.mutate(
      {
        patient_id: patientId,
        case_id: caseId ?? null,
        kind: values.kind,
        direction: values.kind === "note" ? null : (values.direction ?? null),
        subject: values.subject?.trim() || null,
        body: values.body.trim(),
      },
      {
        onSuccess: () => {
          void message.success(t("activities.saved"));
          draft.clear();
          form.resetFields();
        },
        onError: (error) => void message.error(translateApiError(error, t)),
      },
    );
  };

  return (
    <Form<NoteValues> form={form} layout="vertical" initialValues={{ kind: "note" }} onValuesChange={(_, values) => draft.save(values)} onFinish={onFinish}>
      <div className="toolbar" style={{ marginBottom: 0 }}>
        <Form.Item name="kind" label={t("activities.kind")} style={{ minWidth: 140 }}>
          <Select options={KINDS.map((value) => ({ value, label: t(`activities.kinds.${value}`) }))} />
        </Form.Item>
        {kind !== "note" && (
          <Form.Item name="direction" label={t("activities.direction")} style={{ minWidth: 140 }}>
            <Select allowClear options={directions.map((value) => ({ value, label: t(`activities.directions.${value}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="subject" label={t("activities.subject")} style={{ flex: 1, minWidth: 200 }}>
          <Input maxLength={200} />
        </Form.Item>
      </div>
      <Form.Item name="body" label={t("activities.body")} rules={[{ required: true, whitespace: true, message: t("activities.bodyRequired") }]}>
        <Input.TextArea rows={3} placeholder={t("activities.bodyPlaceholder")} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={createActivity.isPending}>
        {t("activities.add")}
      </Button>
    </Form>
  );
}
