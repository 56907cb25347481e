import { PlusOutlined } from "@ant-design/icons";
import { userRoles } from "@/api/enums";
import { Alert, Button, Empty, Popconfirm, Select, Switch, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ApiResponse } from "@/api/types";
import { ActiveStatusSelect } from "@/modules/common/components/ActiveStatusSelect";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { ListSearchInput } from "@/modules/common/components/ListSearchInput";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { usePageWithinTotal } from "@/modules/common/hooks/usePageWithinTotal";
import { useSearchParamState } from "@/modules/common/hooks/useSearchParamState";
import { booleanParam } from "@/modules/common/utils/booleanParam";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { listPagination } from "@/modules/common/utils/listPagination";
import { listTableChange } from "@/modules/common/utils/listTableChange";
import { pageNumberParam } from "@/modules/common/utils/pageNumberParam";
import { sortOrderFor } from "@/modules/common/utils/sortOrderFor";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { translateFirstFieldError } from "@/modules/common/utils/translateFirstFieldError";
import { usePartnerNames } from "@/modules/partners/hooks/usePartnerNames";
import { type UserUpdateBody, useUpdateUser } from "@/modules/users/hooks/useUpdateUser";
import { type UserListParams, useUsers } from "@/modules/users/hooks/useUsers";

import { PartnerRoleModal } from "./PartnerRoleModal";
import { UserCreateModal } from "./UserCreateModal";

type User = ApiResponse<"/api/v1/users", "get">["items"][number];

const PAGE_SIZE = 50;
const DEFAULT_SORT = "display_name";

/** User accounts and roles: search and page through accounts, create users, change roles, deactivate. */
export function UsersAdminPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const [searchParams, update] = useSearchParamState();
  const updateUser = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [initialPassword, setInitialPassword] = useState<string | null>(null);
  // The user whose role is being changed to partner, while the dialog requests their organization.
  const [partnerRoleUser, setPartnerRoleUser] = useState<User | null>(null);

  const page = pageNumberParam(searchParams);
  const sort = searchParams.get("sort") ?? DEFAULT_SORT;
  const roleParam = searchParams.get("role");
  const params: UserListParams = {
    q: searchParams.get("q") || undefined,
    role: userRoles.find((role) => role === roleParam),
    active: booleanParam(searchParams.get("active")),
    sort,
    page,
    page_size: PAGE_SIZE,
  };
  const filtered = Boolean(params.q) || params.role !== undefined || params.active !== undefined;
  const users = useUsers(params);
  usePageWithinTotal(users.data, page, PAGE_SIZE, update);
  const partnerName = usePartnerNames((users.data?.items ?? []).map((user) => user.partner_id));

  const updateOne = (user: User, body: UserUpdateBody, onSaved?: () => void) => {
    updateUser.mutate(
      { userId: user.id, body },
      {
        onSuccess: () => {
          void message.success(t("common.saved"));
          onSaved?.();
        },
        // A row has no form to show field errors under, so the toast names the problem.
        onError: (error) => void message.error(translateFirstFieldError(error, t) ?? translateApiError(error, t)),
      },
    );
  };

  // A partner user needs a partner organization and no other role may keep one (users.service._check_partner_link).
  const changeRole = (user: User, role: User["role"]) => {
    if (role === "partner") {
      setPartnerRoleUser(user);
      return;
    }
    updateOne(user, user.partner_id ? { role, partner_id: null } : { role });
  };

  const onCreated = (password: string | null) => {
    setCreating(false);
    setInitialPassword(password);
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

      <div className="toolbar">
        <ListSearchInput
          value={params.q}
          onSearch={(q) => update({ q })}
          placeholder={t("admin.users.searchPlaceholder")}
          label={t("admin.users.search")}
          width={380}
        />
        <Select
          allowClear
          placeholder={t("admin.users.role")}
          aria-label={t("admin.users.roleFilter")}
          value={params.role}
          onChange={(value) => update({ role: value })}
          options={userRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
          style={{ width: 210 }}
        />
        <ActiveStatusSelect value={params.active} onChange={(active) => update({ active })} />
      </div>

      {users.error ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Table<User>
          rowKey="id"
          size="middle"
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={listPagination(t, users.data, page, PAGE_SIZE)}
          locale={{ emptyText: <Empty description={filtered ? t("admin.users.noMatch") : t("common.noData")} /> }}
          onChange={listTableChange<User>(update)}
          columns={[
            { key: "display_name", title: t("admin.users.displayName"), dataIndex: "display_name", sorter: true, sortOrder: sortOrderFor(sort, "display_name") },
            { key: "email", title: t("login.email"), dataIndex: "email", sorter: true, sortOrder: sortOrderFor(sort, "email") },
            {
              key: "role",
              title: t("admin.users.role"),
              render: (_, user) => (
                <Select
                  value={user.role}
                  aria-label={t("admin.users.roleOf", { name: user.display_name })}
                  style={{ width: 210 }}
                  onChange={(next) => changeRole(user, next)}
                  options={userRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
                />
              ),
            },
            { key: "partner", title: t("admin.users.partnerOrganization"), render: (_, user) => partnerName(user.partner_id) },
            { key: "ui_language", title: t("layout.language"), render: (_, user) => t(`language.${user.ui_language}`) },
            { key: "last_login_at", title: t("admin.users.lastLogin"), render: (_, user) => formatTokyoDateTime(user.last_login_at) },
            {
              key: "active",
              title: t("admin.users.active"),
              // Deactivating locks the user out, so it needs a confirmation. Activating does not.
              render: (_, user) =>
                user.active ? (
                  <Popconfirm
                    title={t("admin.users.deactivateConfirm", { name: user.display_name })}
                    okText={t("admin.users.deactivate")}
                    okButtonProps={{ danger: true }}
                    cancelText={t("common.cancel")}
                    onConfirm={() => updateOne(user, { active: false })}
                  >
                    <Switch checked aria-label={t("admin.users.activeOf", { name: user.display_name })} />
                  </Popconfirm>
                ) : (
                  <Switch checked={false} aria-label={t("admin.users.activeOf", { name: user.display_name })} onChange={() => updateOne(user, { active: true })} />
                ),
            },
          ]}
        />
      )}

      <PartnerRoleModal
        userName={partnerRoleUser?.display_name ?? null}
        saving={updateUser.isPending}
        onSave={(partnerId) => partnerRoleUser && updateOne(partnerRoleUser, { role: "partner", partner_id: partnerId }, () => setPartnerRoleUser(null))}
        onCancel={() => setPartnerRoleUser(null)}
      />
      <UserCreateModal open={creating} onClose={() => setCreating(false)} onCreated={onCreated} />
    </>
  );
}
