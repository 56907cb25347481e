import { userRoles } from "@/api/enums";
import { Form, Input, Modal, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { supportedLanguages } from "@/i18n/supportedLanguages";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { PartnerPicker } from "@/modules/partners/components/PartnerPicker";
import { type UserCreateBody, useCreateUser } from "@/modules/users/hooks/useCreateUser";

type UserFormValues = {
  email: string;
  display_name: string;
  role: UserCreateBody["role"];
  ui_language: NonNullable<UserCreateBody["ui_language"]>;
  partner_id?: string;
};

export type UserCreateModalProps = {
  open: boolean;
  onClose: () => void;
  /** Called after saving, with the one-time password the API generated (null when it sent none). */
  onCreated: (initialPassword: string | null) => void;
};

/** Dialog that creates a staff or partner account. The API generates the initial password. */
export function UserCreateModal({ open, onClose, onCreated }: UserCreateModalProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const createUser = useCreateUser();
  const [form] = Form.useForm<UserFormValues>();
  const role = Form.useWatch("role", form);

  const onFinish = (values: UserFormValues) => {
    createUser.mutate({ ...values, partner_id: values.role === "partner" ? (values.partner_id ?? null) : null }, {
      onSuccess: (created) => {
        void message.success(t("common.saved"));
        form.resetFields();
        onCreated(created.initial_password ?? null);
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
      title={t("admin.users.new")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={createUser.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnClose
    >
      <Form<UserFormValues> form={form} layout="vertical" initialValues={{ role: "coordinator", ui_language: "ja" }} onFinish={onFinish}>
        <Form.Item name="display_name" label={t("admin.users.displayName")} rules={[{ required: true, whitespace: true, message: t("fieldErrors.missing") }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t("login.email")}
          rules={[
            { required: true, message: t("login.emailRequired") },
            { type: "email", message: t("login.emailInvalid") },
          ]}
        >
          <Input inputMode="email" />
        </Form.Item>
        <Form.Item name="role" label={t("admin.users.role")}>
          <Select options={userRoles.map((value) => ({ value, label: t(`roles.${value}`) }))} />
        </Form.Item>
        {role === "partner" && (
          <Form.Item name="partner_id" label={t("nav.partners")} rules={[{ required: true, message: t("admin.users.partnerRequired") }]}>
            <PartnerPicker />
          </Form.Item>
        )}
        <Form.Item name="ui_language" label={t("layout.language")}>
          <Select options={supportedLanguages.map((value) => ({ value, label: t(`language.${value}`) }))} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t("admin.users.passwordHint")}</Typography.Paragraph>
      </Form>
    </Modal>
  );
}
