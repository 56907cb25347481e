import { Empty, Input, Segmented, Select, Skeleton, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { priorities } from "@/api/enums";
import type { components } from "@/api/schema";
import { useCan } from "@/modules/auth/hooks/useCan";
import { type CaseListParams, useCases } from "@/modules/cases/hooks/useCases";
import { type CaseStage, caseStages } from "@/modules/cases/utils/caseStages";
import { CountrySelect } from "@/modules/common/components/CountrySelect";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { usePageWithinTotal } from "@/modules/common/hooks/usePageWithinTotal";
import { useSearchParamState } from "@/modules/common/hooks/useSearchParamState";
import { pageNumberParam } from "@/modules/common/utils/pageNumberParam";
import { useDepartments } from "@/modules/departments/hooks/useDepartments";
import { departmentName } from "@/modules/departments/utils/departmentName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { useBoardCases } from "../hooks/useBoardCases";
import { boardColumns } from "../utils/boardColumns";
import { CaseExportButton } from "./CaseExportButton";
import { CasesTable } from "./CasesTable";
import { KanbanBoard } from "./KanbanBoard";

// Each board column shows this many of its stage's newest cases and links to the table
// view for the rest. The table view pages through everything.
const COLUMN_SIZE = 30;
const TABLE_PAGE_SIZE = 50;
type Priority = components["schemas"]["Priority"];

/** Cases by stage, as a drag-and-drop board or as a table. */
export function PipelinePage() {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const can = useCan();
  const departments = useDepartments();
  const [searchParams, update] = useSearchParamState();
  const view = searchParams.get("view") === "table" ? "table" : "board";
  const page = pageNumberParam(searchParams);
  const sort = searchParams.get("sort");

  const stageFilter = (searchParams.get("stage") as CaseStage | null) ?? undefined;
  const filters: CaseListParams = {
    q: searchParams.get("q") ?? undefined,
    stage: view === "table" && stageFilter ? [stageFilter] : undefined,
    department_id: searchParams.get("department_id") ?? undefined,
    nationality: searchParams.get("nationality") ?? undefined,
    priority: (searchParams.get("priority") as Priority | null) ?? undefined,
  };
  const board = useBoardCases(filters, COLUMN_SIZE, view === "board");
  // The board has no sort of its own, so its export follows the table's default order.
  const tableSort = sort ?? "-stage_changed_at";
  const table = useCases({ ...filters, page, page_size: TABLE_PAGE_SIZE, sort: tableSort }, view === "table");
  usePageWithinTotal(table.data, page, TABLE_PAGE_SIZE, update);
  const columns = boardColumns(board.pages);
  const boardEmpty = columns.every((column) => column.total === 0);

  /** Link a board column to the table view of its stage, keeping the other filters. */
  const tablePath = (stage: CaseStage) => {
    const next = new URLSearchParams(searchParams);
    next.set("view", "table");
    next.set("stage", stage);
    next.delete("page");
    next.delete("sort");
    return `/pipeline?${next.toString()}`;
  };

  return (
    <>
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <Typography.Title level={1} className="page-title">
          {t("nav.pipeline")}
        </Typography.Title>
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <CaseExportButton params={{ ...filters, sort: tableSort }} />
          <Segmented
            value={view}
            onChange={(value) => update({ view: value === "table" ? "table" : undefined, sort: undefined })}
            options={[
              { value: "board", label: t("pipeline.boardView") },
              { value: "table", label: t("pipeline.tableView") },
            ]}
          />
        </div>
      </div>

      <div className="toolbar">
        <Input.Search
          allowClear
          defaultValue={filters.q ?? ""}
          placeholder={t("pipeline.searchPlaceholder")}
          aria-label={t("common.search")}
          onSearch={(value) => update({ q: value.trim() })}
          style={{ width: 280 }}
        />
        {view === "table" && (
          <Select
            allowClear
            placeholder={t("cases.stage")}
            aria-label={t("cases.stage")}
            value={stageFilter}
            onChange={(value) => update({ stage: value })}
            options={caseStages.map((stage) => ({ value: stage, label: t(`stages.${stage}`) }))}
            style={{ width: 180 }}
          />
        )}
        <Select
          allowClear
          placeholder={t("cases.department")}
          aria-label={t("cases.department")}
          value={filters.department_id}
          onChange={(value) => update({ department_id: value })}
          options={(departments.data ?? []).map((department) => ({ value: department.id, label: departmentName(department, language) }))}
          style={{ width: 160 }}
        />
        <CountrySelect
          placeholder={t("patients.nationality")}
          aria-label={t("patients.nationality")}
          value={filters.nationality}
          onChange={(value) => update({ nationality: value })}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t("cases.priority")}
          aria-label={t("cases.priority")}
          value={filters.priority}
          onChange={(value) => update({ priority: value })}
          options={priorities.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
          style={{ width: 130 }}
        />
      </div>

      {view === "board" ? (
        board.error ? (
          <ErrorAlert error={board.error} onRetry={board.refetch} />
        ) : board.isPending ? (
          <Skeleton active />
        ) : boardEmpty ? (
          <Empty description={t("pipeline.empty")} />
        ) : (
          <KanbanBoard columns={columns} canMove={can("cases:move_stage")} tablePath={tablePath} />
        )
      ) : table.error ? (
        <ErrorAlert error={table.error} onRetry={() => void table.refetch()} />
      ) : (
        <CasesTable
          cases={table.data?.items ?? []}
          total={table.data?.total ?? 0}
          totalExact={table.data?.total_exact ?? true}
          page={page}
          pageSize={TABLE_PAGE_SIZE}
          sort={sort}
          loading={table.isFetching}
          onPage={(next) => update({ page: next })}
          onSort={(next) => update({ sort: next })}
        />
      )}
    </>
  );
}
