import { InboxOutlined } from "@ant-design/icons";
import { Button, Form, Select, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ApiError } from "@/api/ApiError";
import { useMessage } from "@/modules/common/hooks/useMessage";

import { type UploadedSheet, useUploadSheet } from "../hooks/useUploadSheet";
import { listWorkbookSheets } from "../utils/listWorkbookSheets";
import { translateSheetError } from "../utils/translateSheetError";
import { SheetPicker } from "./SheetPicker";

// Encodings staff meet in practice: Excel's Japanese CSV is Shift_JIS (Windows code page 932).
const ENCODINGS = ["", "cp932", "utf-8", "gb18030", "big5", "euc-kr"] as const;

export type UploadStepProps = {
  onUploaded: (uploaded: UploadedSheet, encoding: string, file: File) => void;
};

/** Pick a CSV or XLSX file and upload it; the server detects the header row and maps the columns. */
export function UploadStep({ onUploaded }: UploadStepProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const upload = useUploadSheet();
  const [file, setFile] = useState<File | null>(null);
  const [encoding, setEncoding] = useState<string>("");
  // Sheets of a workbook whose first sheet the server could not read, for the user to pick another.
  const [fallbackSheets, setFallbackSheets] = useState<string[]>([]);
  const [pickedSheet, setPickedSheet] = useState<string | null>(null);

  // Without a sheet name the server reads the first sheet, and when that fails its error
  // carries no sheet names. So they are read from the workbook in the browser.
  const onUploadError = async (picked: File, sheet: string | undefined, error: unknown) => {
    const firstSheetUnreadable = sheet === undefined && error instanceof ApiError && error.code === "unreadable_sheet" && /\.xlsx$/i.test(picked.name);
    if (firstSheetUnreadable) {
      const sheets = await listWorkbookSheets(picked).catch(() => []);
      if (sheets.length > 1) {
        // The sheet picker's warning explains what failed and what to do next.
        setFallbackSheets(sheets);
        return;
      }
    }
    void message.error(translateSheetError(error, t));
  };

  const uploadSheet = (sheet?: string) => {
    if (!file) return;
    setPickedSheet(sheet ?? null);
    upload.mutate(
      { file, encoding: encoding || undefined, sheet },
      {
        onSuccess: (uploaded) => {
          // A header row alone would run as an import of 0 rows, which looks like a success.
          if (uploaded.layout.total_rows === 0) {
            void message.error(t("imports.sheetErrors.noDataRows"));
            return;
          }
          onUploaded(uploaded, encoding, file);
        },
        onError: (error) => void onUploadError(file, sheet, error),
      },
    );
  };

  const pickFile = (picked: File | null) => {
    setFile(picked);
    setFallbackSheets([]);
    setPickedSheet(null);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Upload.Dragger
        accept=".csv,.xlsx,.txt,.tsv"
        maxCount={1}
        beforeUpload={(picked) => {
          pickFile(picked);
          return false;
        }}
        onRemove={() => pickFile(null)}
        fileList={file ? [{ uid: "picked", name: file.name, status: "done" }] : []}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t("imports.dropHere")}</p>
        <p className="ant-upload-hint">{t("imports.dropHint")}</p>
      </Upload.Dragger>
      <Form layout="inline">
        <Form.Item label={t("imports.encoding")} htmlFor="import-encoding">
          <Select
            id="import-encoding"
            value={encoding}
            onChange={setEncoding}
            style={{ width: 240 }}
            options={ENCODINGS.map((value) => ({ value, label: t(`imports.encodings.${value || "auto"}`) }))}
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t("imports.privacyHint")}</Typography.Paragraph>
      <SheetPicker
        sheetNames={fallbackSheets}
        value={pickedSheet}
        loading={upload.isPending}
        onChange={uploadSheet}
        hint={t("imports.firstSheetUnreadable", { sheet: fallbackSheets[0] ?? "" })}
      />
      <Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => uploadSheet()}>
        {t("imports.upload")}
      </Button>
    </Space>
  );
}
