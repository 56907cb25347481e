import { MinusSquareOutlined, PlusSquareOutlined } from "@ant-design/icons";
import { Button, DatePicker, Empty, Input, Select, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import type { ApiResponse } from "@/api/types";
import { type AuditEventParams, useAuditEvents } from "@/modules/audit/hooks/useAuditEvents";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { usePageWithinTotal } from "@/modules/common/hooks/usePageWithinTotal";
import { useSearchParamState } from "@/modules/common/hooks/useSearchParamState";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { pageNumberParam } from "@/modules/common/utils/pageNumberParam";
import { tokyoTimeZone } from "@/modules/common/utils/tokyoTimeZone";
import { UserPicker } from "@/modules/users/components/UserPicker";
import { useUserNames } from "@/modules/users/hooks/useUserNames";

import { auditFieldLabel } from "../utils/auditFieldLabel";
import { AuditEventDetails } from "./AuditEventDetails";

type AuditEvent = ApiResponse<"/api/v1/audit-events", "get">["items"][number];

// Entity types and actions the backend records; unknown ones are shown as their identifier.
const ENTITY_TYPES = ["patient", "case", "task", "activity", "consent", "user", "partner", "department", "import_batch", "auth_session", "route"] as const;
const ACTIONS = ["create", "update", "delete", "read_sensitive", "merge", "stage_change", "withdraw", "export", "import_preview", "import", "login", "logout", "change_password", "reset_password", "refresh_token_reuse", "access_denied", "rotate_key"] as const;
const PAGE_SIZE = 50;

function entityLink(entityType: string, entityId: string | null | undefined, label: string | null | undefined) {
  if (!entityId) return "";
  if (entityType === "patient") return <Link to={`/patients/${entityId}`}>{label || entityId}</Link>;
  if (entityType === "case") return <Link to={`/cases/${entityId}`}>{label || entityId}</Link>;
  // The id stays in the tooltip, for the record ID filter.
  return label ? <span title={entityId}>{label}</span> : entityId;
}

/** Show the audit log with filters: who did what to which record, including every reveal of a protected field. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const [searchParams, update] = useSearchParamState();
  const page = pageNumberParam(searchParams);
  const from = searchParams.get("occurred_from");
  const to = searchParams.get("occurred_to");

  const params: AuditEventParams = {
    actor_id: searchParams.get("actor_id") ?? undefined,
    entity_type: searchParams.get("entity_type") ?? undefined,
    entity_id: searchParams.get("entity_id") ?? undefined,
    action: searchParams.get("action") ?? undefined,
    occurred_from: from ?? undefined,
    occurred_to: to ?? undefined,
    page,
    page_size: PAGE_SIZE,
  };
  const { data, isFetching, error, refetch } = useAuditEvents(params);
  usePageWithinTotal(data, page, PAGE_SIZE, update);
  const knownUserName = useUserNames((data?.items ?? []).map((event) => event.actor_id));
  // An actor that is not a user account any more still shows as its id.
  const userName = (id: string | null | undefined) => knownUserName(id) || (id ?? "");

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t("nav.audit")}
      </Typography.Title>
      <div className="toolbar">
        <UserPicker
          allowClear
          placeholder={t("admin.audit.actor")}
          aria-label={t("admin.audit.actor")}
          value={params.actor_id ?? undefined}
          onChange={(value) => update({ actor_id: value })}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t("admin.audit.entityType")}
          aria-label={t("admin.audit.entityType")}
          value={params.entity_type ?? undefined}
          onChange={(value) => update({ entity_type: value })}
          options={ENTITY_TYPES.map((value) => ({ value, label: t(`admin.audit.entityTypes.${value}`) }))}
          style={{ width: 160 }}
        />
        <Input.Search
          allowClear
          placeholder={t("admin.audit.entityId")}
          aria-label={t("admin.audit.entityId")}
          defaultValue={params.entity_id ?? ""}
          onSearch={(value) => update({ entity_id: value.trim() })}
          style={{ width: 280 }}
        />
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t("admin.audit.action")}
          aria-label={t("admin.audit.action")}
          value={params.action ?? undefined}
          onChange={(value) => update({ action: value })}
          options={ACTIONS.map((value) => ({ value, label: t(`admin.audit.actions.${value}`) }))}
          style={{ width: 200 }}
        />
        <DatePicker.RangePicker
          aria-label={t("admin.audit.period")}
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(range) =>
            update({
              occurred_from: range?.[0] ? range[0].tz(tokyoTimeZone, true).startOf("day").toISOString() : undefined,
              occurred_to: range?.[1] ? range[1].tz(tokyoTimeZone, true).endOf("day").toISOString() : undefined,
            })
          }
        />
      </div>
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<AuditEvent>
          rowKey="id"
          size="small"
          loading={isFetching}
          dataSource={data?.items ?? []}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={t("admin.audit.empty")} /> }}
          expandable={{
            rowExpandable: (event) => Boolean(event.details && Object.keys(event.details).length > 0),
            expandIcon: ({ expanded, expandable, record, onExpand }) =>
              expandable ? (
                <Button
                  size="small"
                  type="text"
                  aria-expanded={expanded}
                  aria-label={expanded ? t("admin.audit.hideDetails") : t("admin.audit.showDetails")}
                  icon={expanded ? <MinusSquareOutlined /> : <PlusSquareOutlined />}
                  onClick={(clickEvent) => onExpand(record, clickEvent)}
                />
              ) : null,
            expandedRowRender: (event) => <AuditEventDetails details={event.details} />,
          }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            onChange: (next) => update({ page: next }),
            showTotal: (count) => t("common.totalCount", { count }),
          }}
          columns={[
            { key: "occurred_at", title: t("admin.audit.occurredAt"), render: (_, event) => formatTokyoDateTime(event.occurred_at), width: 150 },
            { key: "actor", title: t("admin.audit.actor"), width: 140, render: (_, event) => userName(event.actor_id) },
            {
              key: "action",
              title: t("admin.audit.action"),
              width: 170,
              render: (_, event) => (
                <>
                  {t(`admin.audit.actions.${event.action}`, { defaultValue: event.action })}
                  {event.outcome !== "success" && (
                    <Tag color="red" style={{ marginInlineStart: 8 }}>
                      {t(`admin.audit.outcomes.${event.outcome}`, { defaultValue: event.outcome })}
                    </Tag>
                  )}
                </>
              ),
            },
            {
              key: "fields",
              title: t("admin.audit.fields"),
              ellipsis: true,
              render: (_, event) => event.fields.map((field) => auditFieldLabel(field, t)).join(t("common.enumerationSeparator")),
            },
            { key: "entity_type", title: t("admin.audit.entityType"), width: 120, render: (_, event) => t(`admin.audit.entityTypes.${event.entity_type}`, { defaultValue: event.entity_type }) },
            { key: "entity_id", title: t("admin.audit.target"), width: 320, render: (_, event) => entityLink(event.entity_type, event.entity_id, event.target_label) },
          ]}
        />
      )}
    </>
  );
}
