import type { TFunction } from "i18next";

import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";

import { auditFieldLabel } from "./auditFieldLabel";

/** One member of an audit event's details, labelled and formatted for the UI language. */
export type AuditDetailRow = {
  key: string;
  label: string;
  value: string;
};

// Labels of the detail members the backend writes. A member not listed here keeps its name.
const DETAIL_LABEL_KEYS: Record<string, string> = {
  reason: "admin.audit.detailKeys.reason",
  locked_until: "admin.audit.detailKeys.locked_until",
  permission: "admin.audit.detailKeys.permission",
  source: "admin.audit.detailKeys.source",
  reference: "cases.reference",
  patient_id: "admin.audit.detailKeys.patient_id",
  merged_patient_id: "admin.audit.detailKeys.merged_patient_id",
  moved: "admin.audit.detailKeys.moved",
  fields: "admin.audit.fields",
  filled_fields: "admin.audit.detailKeys.filled_fields",
  from: "cases.fromStage",
  to: "cases.toStage",
  kind: "activities.kind",
  topic: "admin.audit.detailKeys.topic",
  version: "admin.audit.detailKeys.version",
  task_id: "admin.audit.detailKeys.task_id",
  format: "admin.audit.detailKeys.format",
  encoding: "imports.encoding",
  filters: "admin.audit.detailKeys.filters",
  sort: "admin.audit.detailKeys.sort",
  row_count: "admin.audit.detailKeys.row_count",
  import_batch_id: "admin.audit.detailKeys.import_batch_id",
  file_name: "imports.file",
  total_rows: "admin.audit.detailKeys.total_rows",
  created: "imports.outcomes.created",
  updated: "imports.outcomes.updated",
  skipped: "imports.outcomes.skipped",
  rejected: "imports.outcomes.rejected",
  cases_created: "imports.casesCreated",
  resumed_after_row: "admin.audit.detailKeys.resumed_after_row",
};

// The tables a merge moves rows of, named as the entity types of the filter.
const MOVED_TABLE_KEYS: Record<string, string> = {
  cases: "admin.audit.entityTypes.case",
  activities: "admin.audit.entityTypes.activity",
  tasks: "admin.audit.entityTypes.task",
  patient_consents: "admin.audit.entityTypes.consent",
};

function rawText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

// A translation whose key is missing falls back to the value as recorded.
function translated(t: TFunction, prefix: string, value: unknown): string {
  const text = rawText(value);
  return t(`${prefix}.${text}`, { defaultValue: text });
}

function formatMoved(value: unknown, t: TFunction): string {
  if (typeof value !== "object" || value === null) {
    return rawText(value);
  }
  const separator = t("common.enumerationSeparator");
  return Object.entries(value)
    .map(([table, count]) => {
      const key = MOVED_TABLE_KEYS[table];
      return `${key ? t(key) : table} ${rawText(count)}`;
    })
    .join(separator);
}

function formatValue(key: string, value: unknown, t: TFunction): string {
  switch (key) {
    case "reason":
      return translated(t, "admin.audit.reasons", value);
    case "source":
      return translated(t, "admin.audit.sources", value);
    case "from":
    case "to":
      return translated(t, "stages", value);
    case "kind":
      return translated(t, "activities.kinds", value);
    case "topic":
      return translated(t, "patients.consentTopics", value);
    case "locked_until":
      return typeof value === "string" ? formatTokyoDateTime(value) : rawText(value);
    case "fields":
    case "filled_fields":
      return Array.isArray(value) ? value.map((field) => auditFieldLabel(String(field), t)).join(t("common.enumerationSeparator")) : rawText(value);
    case "moved":
      return formatMoved(value, t);
    default:
      return rawText(value);
  }
}

/**
 * Turn an audit event's details into labelled rows: known members get a translated label,
 * and known codes (a login failure's reason, stages, field names) a translated value.
 * Anything else is shown as recorded, so no detail is hidden.
 */
export function auditDetailRows(details: Record<string, unknown>, t: TFunction): AuditDetailRow[] {
  return Object.entries(details).map(([key, value]) => {
    const labelKey = DETAIL_LABEL_KEYS[key];
    return { key, label: labelKey ? t(labelKey) : key, value: formatValue(key, value, t) };
  });
}
