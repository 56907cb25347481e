import { Segmented, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { taskStatuses } from "@/api/enums";
import type { components } from "@/api/schema";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { usePageWithinTotal } from "@/modules/common/hooks/usePageWithinTotal";
import { useSearchParamState } from "@/modules/common/hooks/useSearchParamState";
import { pageNumberParam } from "@/modules/common/utils/pageNumberParam";
import { useUserNames } from "@/modules/users/hooks/useUserNames";

import { type TaskListParams, useTasks } from "../hooks/useTasks";
import { TaskTable } from "./TaskTable";

const VIEWS = ["mine", "team", "overdue"] as const;
const PAGE_SIZE = 50;

type View = (typeof VIEWS)[number];
type TaskStatus = components["schemas"]["TaskStatus"];

/** Tasks in three views: mine, my team's, and everything overdue. */
export function TasksPage() {
  const { t } = useTranslation();
  const [searchParams, update] = useSearchParamState();
  const view: View = VIEWS.find((value) => value === searchParams.get("view")) ?? "mine";
  const status = view === "overdue" ? "open" : (searchParams.get("status") ?? "open");
  const page = pageNumberParam(searchParams);

  const params: TaskListParams = {
    scope: view === "overdue" ? "team" : view,
    overdue: view === "overdue" ? true : undefined,
    status: status === "all" ? undefined : (status as TaskStatus),
    sort: "due_at",
    page,
    page_size: PAGE_SIZE,
  };
  const { data, isFetching, error, refetch } = useTasks(params);
  usePageWithinTotal(data, page, PAGE_SIZE, update);
  const userName = useUserNames((data?.items ?? []).map((task) => task.assignee_id));

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t("nav.tasks")}
      </Typography.Title>
      <div className="toolbar">
        <Segmented
          value={view}
          onChange={(value) => update({ view: value === "mine" ? undefined : String(value) })}
          options={VIEWS.map((value) => ({ value, label: t(`tasks.views.${value}`) }))}
        />
        {view !== "overdue" && (
          <Select
            value={status}
            aria-label={t("tasks.status")}
            style={{ width: 140 }}
            onChange={(value) => update({ status: value === "open" ? undefined : value })}
            options={[...taskStatuses.map((value) => ({ value, label: t(`tasks.statuses.${value}`) })), { value: "all", label: t("tasks.statuses.all") }]}
          />
        )}
      </div>
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <TaskTable
          tasks={data?.items ?? []}
          loading={isFetching}
          userName={userName}
          showPatientAndCase
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, onChange: (next) => update({ page: next }) }}
        />
      )}
    </>
  );
}
