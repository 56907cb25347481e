import { DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Progress, Result, Space, Spin, Steps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useMessage } from "@/modules/common/hooks/useMessage";
import { useUnsavedChangesWarning } from "@/modules/common/hooks/useUnsavedChangesWarning";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { type BatchStatus, useImportBatch } from "../hooks/useImportBatch";
import { type ImportOptionsBody, useStartImport } from "../hooks/useStartImport";
import { downloadRejectedRows } from "../utils/downloadRejectedRows";
import { BatchCounts } from "./BatchCounts";
import { ImportRowsTable } from "./ImportRowsTable";
import { MappingStep, type SheetColumn } from "./MappingStep";
import { UploadStep } from "./UploadStep";

type Mapping = NonNullable<ImportOptionsBody["mapping"]>;
type DuplicatePolicy = NonNullable<ImportOptionsBody["on_duplicate"]>;

type WizardState = {
  step: 0 | 1 | 2 | 3;
  batchId: string | null;
  fileName: string;
  encoding: string;
  columns: SheetColumn[];
  overrides: Mapping;
  onDuplicate: DuplicatePolicy;
  createCases: boolean;
};

// The batch statuses each step waits for; the import runs in the background.
const WAIT_FOR: Record<WizardState["step"], readonly BatchStatus[] | null> = {
  0: null,
  1: null,
  2: ["previewed", "failed"],
  3: ["completed", "failed"],
};

const INITIAL: WizardState = {
  step: 0,
  batchId: null,
  fileName: "",
  encoding: "",
  columns: [],
  overrides: {},
  onDuplicate: "skip",
  createCases: true,
};

/** Import patients from a CSV or XLSX sheet: upload, map columns, preview every row, then import with progress. */
export function ImportPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const [state, setState] = useState<WizardState>(INITIAL);
  const startImport = useStartImport();
  const batch = useImportBatch(state.batchId, WAIT_FOR[state.step]);
  const status = batch.data?.status;
  useUnsavedChangesWarning(state.step === 1 || state.step === 2);

  const options = (): ImportOptionsBody => ({
    encoding: state.encoding || null,
    mapping: Object.keys(state.overrides).length > 0 ? state.overrides : null,
    on_duplicate: state.onDuplicate,
    create_cases: state.createCases,
  });

  const start = (dryRun: boolean) => {
    if (!state.batchId) return;
    startImport.mutate(
      { batchId: state.batchId, dryRun, options: options() },
      {
        onSuccess: () => setState((previous) => ({ ...previous, step: dryRun ? 2 : 3 })),
        onError: (error) => void message.error(translateApiError(error, t)),
      },
    );
  };

  const onDownloadRejected = () => {
    if (!state.batchId) return;
    const stem = state.fileName.replace(/\.[^.]+$/, "");
    downloadRejectedRows(state.batchId, `${stem}_rejected.csv`).catch((error: unknown) => void message.error(translateApiError(error, t)));
  };

  const running = status === "running" || startImport.isPending;
  const processed = batch.data?.processed_rows ?? 0;
  const total = batch.data?.total_rows ?? 0;

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t("nav.imports")}
      </Typography.Title>
      <Steps
        current={state.step}
        style={{ marginBottom: 24 }}
        items={[{ title: t("imports.steps.upload") }, { title: t("imports.steps.mapping") }, { title: t("imports.steps.preview") }, { title: t("imports.steps.import") }]}
      />
      <Card>
        {state.step === 0 && (
          <UploadStep
            onUploaded={(uploaded, encoding) =>
              setState({
                ...INITIAL,
                step: 1,
                batchId: uploaded.batch.id,
                fileName: uploaded.batch.file_name,
                encoding,
                columns: uploaded.layout.columns as SheetColumn[],
              })
            }
          />
        )}

        {state.step === 1 && (
          <>
            <Typography.Paragraph>{t("imports.mappingIntro", { file: state.fileName, rows: batch.data?.total_rows ?? "-" })}</Typography.Paragraph>
            <MappingStep
              columns={state.columns}
              overrides={state.overrides}
              onDuplicate={state.onDuplicate}
              createCases={state.createCases}
              onChange={(next) => setState((previous) => ({ ...previous, ...next }))}
              onBack={() => setState(INITIAL)}
              onNext={() => start(true)}
            />
          </>
        )}

        {state.step === 2 && state.batchId && (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            {running || status !== "previewed" ? (
              status === "failed" ? (
                <Alert type="error" showIcon message={t("imports.failed")} description={batch.data?.error_message} />
              ) : (
                <Spin tip={t("imports.previewing")}>
                  <div style={{ height: 80 }} />
                </Spin>
              )
            ) : (
              <>
                <Alert type="info" showIcon message={t("imports.previewIntro")} />
                {batch.data && <BatchCounts batch={batch.data} />}
                <ImportRowsTable batchId={state.batchId} enabled={status === "previewed"} linkPatients={false} />
                <Space>
                  <Button onClick={() => setState((previous) => ({ ...previous, step: 1 }))}>{t("imports.back")}</Button>
                  <Button type="primary" loading={startImport.isPending} onClick={() => start(false)}>
                    {t("imports.runImport")}
                  </Button>
                </Space>
              </>
            )}
          </Space>
        )}

        {state.step === 3 && state.batchId && (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            {status === "completed" ? (
              <Result status="success" title={t("imports.completed")} subTitle={t("imports.completedDetail", { file: state.fileName })} />
            ) : status === "failed" ? (
              <Alert type="error" showIcon message={t("imports.failed")} description={batch.data?.error_message} />
            ) : (
              <div>
                <Typography.Text>{t("imports.importing", { processed, total: total || "-" })}</Typography.Text>
                <Progress percent={total > 0 ? Math.floor((processed / total) * 100) : 0} status="active" />
              </div>
            )}
            {batch.data && <BatchCounts batch={batch.data} />}
            {status === "completed" && (batch.data?.rejected_count ?? 0) + (batch.data?.skipped_count ?? 0) > 0 && (
              <ImportRowsTable batchId={state.batchId} enabled linkPatients />
            )}
            {(status === "completed" || status === "failed") && (
              <Space>
                {(batch.data?.rejected_count ?? 0) > 0 && (
                  <Button icon={<DownloadOutlined />} onClick={onDownloadRejected}>
                    {t("imports.downloadRejected")}
                  </Button>
                )}
                <Button type="primary" onClick={() => setState(INITIAL)}>
                  {t("imports.another")}
                </Button>
              </Space>
            )}
          </Space>
        )}
      </Card>
    </>
  );
}
