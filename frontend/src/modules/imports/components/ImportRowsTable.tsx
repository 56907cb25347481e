import { Empty, Segmented, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { patientDisplayName } from "@/modules/patients/utils/patientDisplayName";

import { type ImportRowParams, useImportRows } from "../hooks/useImportRows";
import { rowErrorMessage } from "../utils/rowErrorMessage";

type Outcome = NonNullable<ImportRowParams["outcome"]>;

const OUTCOME_STYLES: Record<Outcome, { color: string; background: string }> = {
  created: { color: "#135200", background: "#f6ffed" },
  updated: { color: "#003eb3", background: "#e6f4ff" },
  skipped: { color: "#262626", background: "#f5f5f5" },
  rejected: { color: "#820014", background: "#fff1f0" },
};
const PAGE_SIZE = 50;

export type ImportRowsTableProps = {
  batchId: string;
  enabled: boolean;
  /**
   * Whether the rows come from a real import rather than a preview. A real import lists no created
   * rows, because each created patient's timeline names the row, and links every row to its patient.
   * A preview links only rows that matched an existing patient.
   */
  imported: boolean;
};

/** List the outcome of each sheet row with the reasons a row was rejected, filterable by outcome. */
export function ImportRowsTable({ batchId, enabled, imported }: ImportRowsTableProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const [outcome, setOutcome] = useState<Outcome | "all">("all");
  const [page, setPage] = useState(1);
  const rows = useImportRows(batchId, { page, page_size: PAGE_SIZE, outcome: outcome === "all" ? undefined : outcome }, enabled);
  const outcomes = imported ? (["all", "updated", "skipped", "rejected"] as const) : (["all", "created", "updated", "skipped", "rejected"] as const);
  // A preview has created nothing, so its outcomes read as what the import would do.
  const outcomeLabels = imported ? "imports.outcomes" : "imports.previewOutcomes";

  return (
    <>
      <Segmented
        value={outcome}
        onChange={(value) => {
          setOutcome(value as Outcome | "all");
          setPage(1);
        }}
        options={outcomes.map((value) => ({ value, label: t(`${outcomeLabels}.${value}`) }))}
        style={{ marginBottom: 12 }}
      />
      {imported && (
        <Typography.Paragraph type="secondary">{t("imports.createdRowsHint")}</Typography.Paragraph>
      )}
      {rows.error ? (
        <ErrorAlert error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Table
          rowKey="row_number"
          size="small"
          loading={rows.isFetching}
          dataSource={rows.data?.items ?? []}
          locale={{ emptyText: <Empty description={t("imports.noRows")} /> }}
          scroll={{ x: 800 }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: rows.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
          columns={[
            { key: "row", title: t("imports.rowNumber"), dataIndex: "row_number", width: 70 },
            {
              key: "cells",
              title: t("imports.rowContent"),
              ellipsis: true,
              width: 320,
              render: (_, row) => row.cells.slice(0, 4).filter((cell) => cell !== null && cell !== "").join(" / "),
            },
            {
              key: "outcome",
              title: t("imports.outcome"),
              width: 120,
              render: (_, row) => (
                <Tag style={{ ...OUTCOME_STYLES[row.outcome], borderColor: OUTCOME_STYLES[row.outcome].color }}>{t(`${outcomeLabels}.${row.outcome}`)}</Tag>
              ),
            },
            {
              key: "details",
              title: t("imports.details"),
              render: (_, row) => (
                <>
                  {row.errors.map((error, index) => (
                    <div key={index}>
                      {error.column && <strong>{error.column}: </strong>}
                      {rowErrorMessage(error, language)}
                    </div>
                  ))}
                  {row.duplicate_reasons.length > 0 && (
                    <div>
                      {t("imports.duplicateOf")}{" "}
                      {row.duplicate_reasons.map((reason) => t(`patients.duplicates.reasons.${reason}`, { defaultValue: reason })).join(t("common.enumerationSeparator"))}
                    </div>
                  )}
                  {row.patient_id && row.patient_name ? (
                    <Link to={`/patients/${row.patient_id}`}>{patientDisplayName(row.patient_name)}</Link>
                  ) : (
                    imported && row.patient_id && <Link to={`/patients/${row.patient_id}`}>{t("tasks.openPatient")}</Link>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
