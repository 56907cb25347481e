import { PlusOutlined } from "@ant-design/icons";
import { userRoles } from "@/api/enums";
import { Alert, Button, Empty, Form, Input, Modal, Select, Switch, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ApiResponse } from "@/api/types";
import { supportedLanguages } from "@/i18n/supportedLanguages";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { PartnerPicker } from "@/modules/partners/components/PartnerPicker";
import { type UserCreateBody, useCreateUser } from "@/modules/users/hooks/useCreateUser";
import { type UserUpdateBody, useUpdateUser } from "@/modules/users/hooks/useUpdateUser";
import { useUsers } from "@/modules/users/hooks/useUsers";

type User = ApiResponse<"/api/v1/users", "get">["items"][number];


type UserFormValues = {
  email: string;
  display_name: string;
  role: UserCreateBody["role"];
  ui_language: NonNullable<UserCreateBody["ui_language"]>;
  partner_id?: string;
};

/** User accounts and roles: create users, change roles, deactivate. */
export function UsersAdminPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const users = useUsers();
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const [form] = Form.useForm<UserFormValues>();
  const [creating, setCreating] = useState(false);
  const [initialPassword, setInitialPassword] = useState<string | null>(null);
  const role = Form.useWatch("role", form);

  const update = (user: User, body: UserUpdateBody) => {
    updateUser.mutate(
      { userId: user.id, body },
      {
        onSuccess: () => void message.success(t("common.saved")),
        onError: (error) => void message.error(translateApiError(error, t)),
      },
    );
  };

  const onCreate = (values: UserFormValues) => {
    createUser.mutate({ ...values, partner_id: values.role === "partner" ? (values.partner_id ?? null) : null }, {
      onSuccess: (created) => {
        void message.success(t("common.saved"));
        setCreating(false);
        form.resetFields();
        setInitialPassword(created.initial_password ?? null);
      },
      onError: (error) => {
        applyApiFieldErrors(form, error, t);
        void message.error(translateApiError(error, t));
      },
    });
  };

  return (
    <>
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <Typography.Title level={1} className="page-title">
          {t("nav.users")}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t("admin.users.new")}
        </Button>
      </div>
      {initialPassword && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setInitialPassword(null)}
          style={{ marginBottom: 12 }}
          message={t("admin.users.initialPassword")}
          description={<Typography.Text copyable code>{initialPassword}</Typography.Text>}
        />
      )}
      {users.error ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          size="middle"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={false}
          locale={{ emptyText: <Empty description={t("common.noData")} /> }}
          columns={[
            { key: "display_name", title: t("admin.users.displayName"), dataIndex: "display_name" },
            { key: "email", title: t("login.email"), dataIndex: "email" },
            {
              key: "role",
              title: t("admin.users.role"),
              render: (_, user) => (
                <Select
                  value={user.role}
                  aria-label={t("admin.users.role")}
                  style={{ width: 210 }}
                  onChange={(next) => update(user, { role: next })}
                  options={userRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
                />
              ),
            },
            { key: "ui_language", title: t("layout.language"), render: (_, user) => t(`language.${user.ui_language}`) },
            { key: "last_login_at", title: t("admin.users.lastLogin"), render: (_, user) => formatTokyoDateTime(user.last_login_at) },
            {
              key: "active",
              title: t("admin.users.active"),
              render: (_, user) => (
                <Switch checked={user.active} aria-label={t("admin.users.active")} onChange={(checked) => update(user, { active: checked })} />
              ),
            },
          ]}
        />
      )}
      <Modal
        open={creating}
        title={t("admin.users.new")}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={createUser.isPending}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnClose
      >
        <Form<UserFormValues> form={form} layout="vertical" initialValues={{ role: "coordinator", ui_language: "ja" }} onFinish={onCreate}>
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
    </>
  );
}
