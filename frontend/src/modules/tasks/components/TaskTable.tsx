import { CheckOutlined } from "@ant-design/icons";
import { Button, Empty, Table, type TableColumnsType, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import type { ApiResponse } from "@/api/types";
import { useCan } from "@/modules/auth/hooks/useCan";
import { LocalTimePair } from "@/modules/common/components/LocalTimePair";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { patientDisplayName } from "@/modules/patients/utils/patientDisplayName";

import { useUpdateTask } from "../hooks/useUpdateTask";

export type Task = ApiResponse<"/api/v1/tasks", "get">["items"][number];

export type TaskTableProps = {
  tasks: Task[];
  loading: boolean;
  userName: (id: string | null | undefined) => string;
  pagination?: { current: number; pageSize: number; total: number; onChange: (page: number) => void } | false;
  /** Show each task's patient and case in columns of their own, for lists that mix patients. */
  showPatientAndCase?: boolean;
};

/** Tasks with their due time in Tokyo and in the patient's zone, and a button to mark them done for users who may. */
export function TaskTable({ tasks, loading, userName, pagination = false, showPatientAndCase = false }: TaskTableProps) {
  const { t } = useTranslation();
  const can = useCan();
  const message = useMessage();
  const updateTask = useUpdateTask();

  const complete = (task: Task) => {
    updateTask.mutate(
      { taskId: task.id, body: { status: "done" } },
      {
        onSuccess: () => void message.success(t("tasks.completed")),
        onError: (error) => void message.error(translateApiError(error, t)),
      },
    );
  };

  const linkColumns: TableColumnsType<Task> = [
    {
      key: "patient",
      title: t("tasks.patient"),
      width: 180,
      render: (_, task) => task.patient_id && task.patient_name && <Link to={`/patients/${task.patient_id}`}>{patientDisplayName(task.patient_name)}</Link>,
    },
    {
      key: "case",
      title: t("cases.reference"),
      className: "cell-nowrap",
      width: 140,
      render: (_, task) => task.case_id && task.case_reference && <Link to={`/cases/${task.case_id}`}>{task.case_reference}</Link>,
    },
  ];
  const columns: TableColumnsType<Task> = [
    {
      key: "title",
      title: t("tasks.title"),
      render: (_, task) => (
        <>
          <div>{task.title}</div>
          {!showPatientAndCase && task.case_id && <Link to={`/cases/${task.case_id}`}>{t("tasks.openCase")}</Link>}
          {!showPatientAndCase && !task.case_id && task.patient_id && <Link to={`/patients/${task.patient_id}`}>{t("tasks.openPatient")}</Link>}
        </>
      ),
    },
    ...(showPatientAndCase ? linkColumns : []),
    {
      key: "due_at",
      title: t("tasks.due"),
      width: 190,
      render: (_, task) => (
        <>
          <LocalTimePair value={task.due_at} patientTimeZone={task.patient_time_zone} />
          {task.overdue && (
            <Tag color="red" style={{ marginInlineStart: 8 }}>
              {t("tasks.overdue")}
            </Tag>
          )}
        </>
      ),
    },
    { key: "assignee", title: t("tasks.assignee"), width: 110, render: (_, task) => userName(task.assignee_id) },
    { key: "status", title: t("tasks.status"), className: "cell-nowrap", width: 80, render: (_, task) => t(`tasks.statuses.${task.status}`) },
    ...(can("tasks:write")
      ? [
          {
            key: "actions",
            title: t("common.actions"),
            className: "cell-nowrap",
            width: 130,
            // Kept in view while the other columns scroll sideways on tablets.
            fixed: "right" as const,
            render: (_: unknown, task: Task) =>
              task.status === "open" ? (
                <Button size="small" icon={<CheckOutlined />} onClick={() => complete(task)} loading={updateTask.isPending && updateTask.variables?.taskId === task.id}>
                  {t("tasks.markDone")}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Table<Task>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={tasks}
      scroll={{ x: showPatientAndCase ? 1000 : 800 }}
      locale={{ emptyText: <Empty description={t("tasks.empty")} /> }}
      pagination={
        pagination
          ? {
              current: pagination.current,
              pageSize: pagination.pageSize,
              total: pagination.total,
              showSizeChanger: false,
              onChange: pagination.onChange,
              showTotal: (count) => t("common.totalCount", { count }),
            }
          : false
      }
      columns={columns}
    />
  );
}
