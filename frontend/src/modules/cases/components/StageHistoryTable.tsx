import { Empty, Table } from "antd";
import { useTranslation } from "react-i18next";

import type { ApiResponse } from "@/api/types";
import { formatDuration } from "@/modules/common/utils/formatDuration";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";

import { StageTag } from "./StageTag";

type StageChange = ApiResponse<"/api/v1/cases/{case_id}/stage-history", "get">[number];

export type StageHistoryTableProps = {
  changes: StageChange[];
  userName: (id: string | null | undefined) => string;
};

/**
 * List each stage change with who made it and how long the case stayed in the stage it
 * entered. The API measures that stay up to the next change, or up to now for the last row.
 */
export function StageHistoryTable({ changes, userName }: StageHistoryTableProps) {
  const { t } = useTranslation();
  const lastId = changes.at(-1)?.id;
  const stayText = (row: StageChange) => {
    const duration = formatDuration(row.duration_seconds, t);
    return row.id === lastId ? t("cases.stayOngoing", { duration }) : duration;
  };
  return (
    <Table<StageChange>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={changes}
      scroll={{ x: 640 }}
      locale={{ emptyText: <Empty description={t("cases.noStageHistory")} /> }}
      columns={[
        { key: "changed_at", title: t("cases.changedAt"), render: (_, row) => formatTokyoDateTime(row.changed_at) },
        { key: "from", title: t("cases.fromStage"), render: (_, row) => (row.from_stage ? <StageTag stage={row.from_stage} /> : "-") },
        { key: "to", title: t("cases.toStage"), render: (_, row) => <StageTag stage={row.to_stage} /> },
        { key: "duration", title: t("cases.timeInStage"), render: (_, row) => stayText(row) },
        { key: "by", title: t("cases.changedBy"), render: (_, row) => userName(row.changed_by_id) },
      ]}
    />
  );
}
