import { Button, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";

import type { ApiResponse } from "@/api/types";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";

import { useRecentImports } from "../hooks/useRecentImports";
import type { BatchStatus } from "../hooks/useImportBatch";

export type ImportBatch = ApiResponse<"/api/v1/imports/batches/{batch_id}", "get">;

const STATUS_COLORS: Record<BatchStatus, string> = {
  uploaded: "default",
  previewed: "blue",
  running: "processing",
  completed: "green",
  failed: "red",
};

export type RecentImportsProps = {
  /** Resume a stopped import. Only real imports can be resumed, not previews. */
  onResume: (batch: ImportBatch) => void;
  /** Follow the progress of a running import. */
  onShow: (batch: ImportBatch) => void;
  /** The batch whose resume request is in flight. */
  resumingId: string | null;
};

/** List the latest import batches with their status and progress, with a button to resume a stopped import. */
export function RecentImports({ onResume, onShow, resumingId }: RecentImportsProps) {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useRecentImports();

  if (error) {
    return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  }
  return (
    <Table<ImportBatch>
      rowKey="id"
      size="small"
      loading={isPending}
      dataSource={data?.items ?? []}
      pagination={false}
      scroll={{ x: 720 }}
      locale={{ emptyText: t("imports.recentEmpty") }}
      columns={[
        { key: "file", title: t("imports.file"), render: (_, batch) => batch.file_name },
        {
          key: "status",
          title: t("imports.status"),
          render: (_, batch) => (
            <>
              <Tag color={STATUS_COLORS[batch.status]}>{t(`imports.statuses.${batch.status}`)}</Tag>
              {batch.dry_run && batch.status !== "previewed" && <Tag>{t("imports.previewRun")}</Tag>}
            </>
          ),
        },
        {
          key: "progress",
          title: t("imports.progress"),
          render: (_, batch) => t("imports.progressRows", { processed: batch.processed_rows, total: batch.total_rows ?? "-" }),
        },
        { key: "created_at", title: t("imports.uploadedAt"), render: (_, batch) => formatTokyoDateTime(batch.created_at) },
        {
          key: "actions",
          title: t("common.actions"),
          render: (_, batch) => {
            if (batch.resumable) {
              return (
                <Button size="small" loading={resumingId === batch.id} onClick={() => onResume(batch)}>
                  {t("imports.resume")}
                </Button>
              );
            }
            if (batch.status === "running" && !batch.dry_run) {
              return (
                <Button size="small" onClick={() => onShow(batch)}>
                  {t("imports.showProgress")}
                </Button>
              );
            }
            return null;
          },
        },
      ]}
    />
  );
}
