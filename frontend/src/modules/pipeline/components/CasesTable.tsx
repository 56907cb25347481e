import { Empty, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { StageTag } from "@/modules/cases/components/StageTag";
import type { CaseStage } from "@/modules/cases/utils/caseStages";
import { antdSortToParam } from "@/modules/common/utils/antdSortToParam";
import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { listPagination } from "@/modules/common/utils/listPagination";
import { sortOrderFor } from "@/modules/common/utils/sortOrderFor";
import { useDepartmentName } from "@/modules/departments/hooks/useDepartmentName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { patientDisplayName } from "@/modules/patients/utils/patientDisplayName";

import type { CaseSummary } from "./KanbanCard";

export type CasesTableProps = {
  cases: CaseSummary[];
  total: number;
  totalExact: boolean;
  page: number;
  pageSize: number;
  sort: string | null;
  loading: boolean;
  onPage: (page: number) => void;
  onSort: (sort: string | undefined) => void;
};

/** Show the pipeline as a sortable, paged table. */
export function CasesTable({ cases, total, totalExact, page, pageSize, sort, loading, onPage, onSort }: CasesTableProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const departmentName = useDepartmentName();

  return (
    <Table<CaseSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={cases}
      // Fixed widths keep a stage tag inside its cell and leave the patient's name the rest.
      // The table fits the content width beside the open side menu at 1280 px.
      scroll={{ x: 1020 }}
      locale={{ emptyText: <Empty description={t("pipeline.empty")} /> }}
      pagination={listPagination(t, { total, total_exact: totalExact }, page, pageSize)}
      onChange={(pagination, _filters, sorter, extra) => {
        if (extra.action === "sort") onSort(antdSortToParam(sorter));
        if (extra.action === "paginate") onPage(pagination.current ?? 1);
      }}
      columns={[
        {
          key: "reference",
          title: t("cases.reference"),
          dataIndex: "reference",
          width: 140,
          sorter: true,
          sortOrder: sortOrderFor(sort, "reference"),
          render: (reference: string, row) => (
            <Link to={`/cases/${row.id}`} style={{ whiteSpace: "nowrap" }}>
              {reference}
            </Link>
          ),
        },
        {
          key: "patient",
          title: t("patients.name"),
          render: (_, row) => (
            <>
              <Link to={`/patients/${row.patient.id}`}>{patientDisplayName(row.patient)}</Link>
              <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                {countryName(row.patient.nationality, language)}
              </Typography.Text>
            </>
          ),
        },
        {
          key: "stage",
          title: t("cases.stage"),
          dataIndex: "stage",
          width: 170,
          sorter: true,
          sortOrder: sortOrderFor(sort, "stage"),
          render: (stage: CaseStage) => <StageTag stage={stage} />,
        },
        {
          key: "department",
          title: t("cases.departmentAndTreatment"),
          width: 200,
          render: (_, row) => (
            <>
              {departmentName(row.department_id)}
              {row.requested_treatment && (
                <Typography.Text type="secondary" ellipsis={{ tooltip: row.requested_treatment }} style={{ display: "block", fontSize: 12 }}>
                  {row.requested_treatment}
                </Typography.Text>
              )}
            </>
          ),
        },
        {
          key: "priority",
          title: t("cases.priority"),
          dataIndex: "priority",
          width: 90,
          sorter: true,
          sortOrder: sortOrderFor(sort, "priority"),
          render: (priority: string) => t(`priority.${priority}`),
        },
        {
          key: "planned_arrival_date",
          title: t("cases.plannedArrival"),
          width: 115,
          dataIndex: "planned_arrival_date",
          sorter: true,
          sortOrder: sortOrderFor(sort, "planned_arrival_date"),
          render: (value: string | null) => formatDate(value),
        },
        {
          key: "stage_changed_at",
          title: t("cases.stageChangedAt"),
          width: 110,
          dataIndex: "stage_changed_at",
          sorter: true,
          sortOrder: sortOrderFor(sort, "stage_changed_at"),
          render: (value: string) => formatTokyoDateTime(value),
        },
      ]}
    />
  );
}
