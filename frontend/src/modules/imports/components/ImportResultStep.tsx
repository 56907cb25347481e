import { DownloadOutlined, RedoOutlined } from "@ant-design/icons";
import { Alert, Button, Progress, Result, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";

import { BatchCounts } from "./BatchCounts";
import { ImportRowsTable } from "./ImportRowsTable";
import type { ImportBatch } from "./RecentImports";

export type ImportResultStepProps = {
  batchId: string;
  fileName: string;
  batch: ImportBatch | undefined;
  /** True from the request to start or resume the import until the batch shows the new run. */
  starting: boolean;
  resuming: boolean;
  onResume: () => void;
  onDownloadRejected: () => void;
  onAnother: () => void;
};

/** Follow a real import: progress while it runs, then its counts and rejected rows, or the error with a resume button. */
export function ImportResultStep({ batchId, fileName, batch, starting, resuming, onResume, onDownloadRejected, onAnother }: ImportResultStepProps) {
  const { t } = useTranslation();
  const status = starting ? "running" : batch?.status;
  const processed = batch?.processed_rows ?? 0;
  const total = batch?.total_rows ?? 0;
  const rejected = batch?.rejected_count ?? 0;
  const finished = status === "completed" || status === "failed";

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      {status === "completed" ? (
        <Result status="success" title={t("imports.completed")} subTitle={t("imports.completedDetail", { file: fileName })} />
      ) : status === "failed" ? (
        <Alert
          type="error"
          showIcon
          message={t("imports.failed")}
          description={
            <>
              <div>{batch?.error_message}</div>
              {!batch?.dry_run && <div>{t("imports.resumeHint", { row: batch?.last_row_number ?? 0 })}</div>}
            </>
          }
        />
      ) : (
        <div>
          <Typography.Text>{t("imports.importing", { processed, total: total || "-" })}</Typography.Text>
          <Progress percent={total > 0 ? Math.floor((processed / total) * 100) : 0} status="active" />
        </div>
      )}
      {batch && <BatchCounts batch={batch} />}
      {status === "completed" && rejected + (batch?.skipped_count ?? 0) + (batch?.updated_count ?? 0) > 0 && (
        <ImportRowsTable batchId={batchId} enabled imported />
      )}
      {finished && (
        <Space wrap>
          {status === "failed" && !batch?.dry_run && (
            <Button type="primary" icon={<RedoOutlined />} loading={resuming} onClick={onResume}>
              {t("imports.resume")}
            </Button>
          )}
          {rejected > 0 && (
            <Button icon={<DownloadOutlined />} onClick={onDownloadRejected}>
              {t("imports.downloadRejected")}
            </Button>
          )}
          <Button type={status === "completed" ? "primary" : "default"} onClick={onAnother}>
            {t("imports.another")}
          </Button>
        </Space>
      )}
    </Space>
  );
}
