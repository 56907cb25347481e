import { Alert, Button, Card, Space, Spin, Steps, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

import { useMessage } from "@/modules/common/hooks/useMessage";
import { useUnsavedChangesWarning } from "@/modules/common/hooks/useUnsavedChangesWarning";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { type BatchStatus, useImportBatch } from "../hooks/useImportBatch";
import { useResumeImport } from "../hooks/useResumeImport";
import { type ImportOptionsBody, useStartImport } from "../hooks/useStartImport";
import { type UploadedSheet, useUploadSheet } from "../hooks/useUploadSheet";
import { downloadRejectedRows } from "../utils/downloadRejectedRows";
import { translateSheetError } from "../utils/translateSheetError";
import { BatchCounts } from "./BatchCounts";
import { ImportResultStep } from "./ImportResultStep";
import { ImportRowsTable } from "./ImportRowsTable";
import { MappingStep, type SheetColumn } from "./MappingStep";
import { type ImportBatch, RecentImports } from "./RecentImports";
import { SheetPicker } from "./SheetPicker";
import { UploadStep } from "./UploadStep";

type Mapping = NonNullable<ImportOptionsBody["mapping"]>;
type DuplicatePolicy = NonNullable<ImportOptionsBody["on_duplicate"]>;

type WizardState = {
  step: 0 | 1 | 2 | 3;
  batchId: string | null;
  fileName: string;
  /** The picked file, kept to read it again when the user picks another sheet. */
  file: File | null;
  encoding: string;
  sheetNames: string[];
  sheetName: string | null;
  columns: SheetColumn[];
  overrides: Mapping;
  onDuplicate: DuplicatePolicy;
  createCases: boolean;
  /** The batch's status when a run was requested, until the batch shows that the run started. */
  startedFrom: BatchStatus | null;
};

// The batch statuses each step waits for; the import runs in the background.
const WAIT_FOR: Record<WizardState["step"], readonly BatchStatus[] | null> = {
  0: null,
  1: null,
  2: ["previewed", "failed"],
  3: ["completed", "failed"],
};

// A run that ends before the first poll never shows "running". So after this long the
// batch's status is taken as the outcome, even when it equals the status before the request.
const START_GRACE_MS = 10_000;

const INITIAL: WizardState = {
  step: 0,
  batchId: null,
  fileName: "",
  file: null,
  encoding: "",
  sheetNames: [],
  sheetName: null,
  columns: [],
  overrides: {},
  onDuplicate: "skip",
  createCases: true,
  startedFrom: null,
};

function mappingState(uploaded: UploadedSheet, file: File, encoding: string): WizardState {
  return {
    ...INITIAL,
    step: 1,
    batchId: uploaded.batch.id,
    fileName: uploaded.batch.file_name,
    file,
    encoding,
    sheetNames: uploaded.layout.sheet_names,
    sheetName: uploaded.layout.sheet_name,
    columns: uploaded.layout.columns as SheetColumn[],
  };
}

/** Import patients from a CSV or XLSX sheet: upload, map columns, preview every row, then import with progress. */
export function ImportPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const [state, setState] = useState<WizardState>(INITIAL);
  const startImport = useStartImport();
  const resumeImport = useResumeImport();
  const upload = useUploadSheet();
  const batch = useImportBatch(state.batchId, WAIT_FOR[state.step], state.startedFrom);
  const status = batch.data?.status;
  const starting = state.startedFrom !== null && status === state.startedFrom;
  useUnsavedChangesWarning(state.step === 1 || state.step === 2);

  useEffect(() => {
    if (state.startedFrom === null) return;
    if (status !== undefined && status !== state.startedFrom) {
      setState((previous) => ({ ...previous, startedFrom: null }));
      return;
    }
    const timer = setTimeout(() => setState((previous) => ({ ...previous, startedFrom: null })), START_GRACE_MS);
    return () => clearTimeout(timer);
  }, [state.startedFrom, status]);

  const options = (): ImportOptionsBody => ({
    encoding: state.encoding || null,
    sheet: state.sheetName,
    mapping: Object.keys(state.overrides).length > 0 ? state.overrides : null,
    on_duplicate: state.onDuplicate,
    create_cases: state.createCases,
  });

  const start = (dryRun: boolean) => {
    if (!state.batchId) return;
    const startedFrom = status ?? null;
    startImport.mutate(
      { batchId: state.batchId, dryRun, options: options() },
      {
        onSuccess: () => setState((previous) => ({ ...previous, step: dryRun ? 2 : 3, startedFrom })),
        onError: (error) => void message.error(translateSheetError(error, t)),
      },
    );
  };

  const resume = (stopped: Pick<ImportBatch, "id" | "file_name">) => {
    resumeImport.mutate(stopped.id, {
      onSuccess: () => setState({ ...INITIAL, step: 3, batchId: stopped.id, fileName: stopped.file_name, startedFrom: "failed" }),
      onError: (error) => void message.error(translateApiError(error, t)),
    });
  };

  const pickSheet = (sheetName: string) => {
    const { file, encoding } = state;
    if (!file) return;
    upload.mutate(
      { file, encoding: encoding || undefined, sheet: sheetName },
      {
        onSuccess: (uploaded) => {
          if (uploaded.layout.total_rows === 0) {
            void message.error(t("imports.sheetErrors.noDataRows"));
            return;
          }
          setState(mappingState(uploaded, file, encoding));
        },
        onError: (error) => void message.error(translateSheetError(error, t)),
      },
    );
  };

  const onDownloadRejected = () => {
    if (!state.batchId) return;
    const stem = state.fileName.replace(/\.[^.]+$/, "");
    downloadRejectedRows(state.batchId, `${stem}_rejected.csv`).catch((error: unknown) => void message.error(translateApiError(error, t)));
  };

  const previewReady = status === "previewed" && !starting && !startImport.isPending;

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
        {state.step === 0 && <UploadStep onUploaded={(uploaded, encoding, file) => setState(mappingState(uploaded, file, encoding))} />}

        {state.step === 1 && (
          <>
            <SheetPicker sheetNames={state.sheetNames} value={state.sheetName} loading={upload.isPending} onChange={pickSheet} />
            <Typography.Paragraph>{t("imports.mappingIntro", { file: state.fileName, rows: batch.data?.total_rows ?? "-" })}</Typography.Paragraph>
            <Spin spinning={upload.isPending} tip={t("imports.sheetLoading")}>
              <MappingStep
                columns={state.columns}
                overrides={state.overrides}
                onDuplicate={state.onDuplicate}
                createCases={state.createCases}
                onChange={(next) => setState((previous) => ({ ...previous, ...next }))}
                onBack={() => setState(INITIAL)}
                onNext={() => start(true)}
              />
            </Spin>
          </>
        )}

        {state.step === 2 && state.batchId && (
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            {!previewReady ? (
              status === "failed" && !starting ? (
                <Alert type="error" showIcon message={t("imports.failed")} description={batch.data?.error_message} />
              ) : (
                <Spin tip={t("imports.previewing")}>
                  <div style={{ height: 80 }} />
                </Spin>
              )
            ) : (
              <>
                <Alert type="info" showIcon message={t("imports.previewIntro")} />
                {batch.data && <BatchCounts batch={batch.data} preview />}
                <ImportRowsTable batchId={state.batchId} enabled={previewReady} imported={false} />
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
          <ImportResultStep
            batchId={state.batchId}
            fileName={state.fileName}
            batch={batch.data}
            starting={starting || startImport.isPending}
            resuming={resumeImport.isPending}
            onResume={() => resume({ id: state.batchId ?? "", file_name: state.fileName })}
            onDownloadRejected={onDownloadRejected}
            onAnother={() => setState(INITIAL)}
          />
        )}
      </Card>

      {state.step === 0 && (
        <Card title={t("imports.recent")} style={{ marginTop: 16 }}>
          <RecentImports
            onResume={resume}
            onShow={(running) => setState({ ...INITIAL, step: 3, batchId: running.id, fileName: running.file_name })}
            resumingId={resumeImport.isPending ? (resumeImport.variables ?? null) : null}
          />
        </Card>
      )}
    </>
  );
}
