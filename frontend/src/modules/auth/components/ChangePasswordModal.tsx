import { useQueryClient } from "@tanstack/react-query";
import { Form, Input, Modal, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { useSession } from "../hooks/useSession";

type PasswordValues = {
  current_password: string;
  new_password: string;
  confirm: string;
};

export type ChangePasswordModalProps = {
  open: boolean;
  /** True for a one-time password the user must replace; the dialog then cannot be dismissed. */
  required: boolean;
  onClose: () => void;
};

/** Change the logged-in user's password (POST /users/me/password). */
export function ChangePasswordModal({ open, required, onClose }: ChangePasswordModalProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const { user, setUser } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PasswordValues>();

  const onFinish = async (values: PasswordValues) => {
    try {
      unwrap(await client.POST("/api/v1/users/me/password", { body: { current_password: values.current_password, new_password: values.new_password } }));
      void message.success(t("password.changed"));
      if (user) setUser({ ...user, must_change_password: false });
      form.resetFields();
      onClose();
      // Until a one-time password is replaced the API returns 403 password_change_required,
      // so the page behind this dialog has failed queries that now succeed.
      if (required) void queryClient.invalidateQueries();
    } catch (error) {
      // The API reports password policy problems under "password", the form calls it new_password.
      applyApiFieldErrors(form, error, t, { password: "new_password" });
      void message.error(translateApiError(error, t));
    }
  };

  return (
    <Modal
      open={open}
      title={t("password.title")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      closable={!required}
      maskClosable={!required}
      keyboard={!required}
      cancelButtonProps={{ style: required ? { display: "none" } : undefined }}
      destroyOnClose
    >
      {required && <Typography.Paragraph>{t("password.requiredHint")}</Typography.Paragraph>}
      <Form<PasswordValues> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="current_password" label={t("password.current")} rules={[{ required: true, message: t("fieldErrors.missing") }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="new_password"
          label={t("password.new")}
          extra={t("password.policy")}
          rules={[
            { required: true, message: t("fieldErrors.missing") },
            { min: 12, message: t("password.tooShort") },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t("password.confirm")}
          dependencies={["new_password"]}
          rules={[
            { required: true, message: t("fieldErrors.missing") },
            ({ getFieldValue }) => ({
              validator: (_, value) => (value === getFieldValue("new_password") ? Promise.resolve() : Promise.reject(new Error(t("password.mismatch")))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
