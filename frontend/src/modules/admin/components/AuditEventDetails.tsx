import { Descriptions } from "antd";
import { useTranslation } from "react-i18next";

import { auditDetailRows } from "../utils/auditDetailRows";

export type AuditEventDetailsProps = {
  details: Record<string, unknown>;
};

/** Show the details of an audit event as a table of labelled, translated values. */
export function AuditEventDetails({ details }: AuditEventDetailsProps) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      items={auditDetailRows(details, t).map((row) => ({
        key: row.key,
        label: row.label,
        children: <span style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{row.value}</span>,
      }))}
    />
  );
}
