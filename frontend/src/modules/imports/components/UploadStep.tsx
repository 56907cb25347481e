import { InboxOutlined } from "@ant-design/icons";
import { Button, Form, Select, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useMessage } from "@/modules/common/hooks/useMessage";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { type UploadedSheet, useUploadSheet } from "../hooks/useUploadSheet";

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

  const onUpload = () => {
    if (!file) return;
    upload.mutate(
      { file, encoding: encoding || undefined },
      {
        onSuccess: (uploaded) => onUploaded(uploaded, encoding, file),
        onError: (error) => void message.error(translateApiError(error, t)),
      },
    );
  };

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      <Upload.Dragger
        accept=".csv,.xlsx,.txt,.tsv"
        maxCount={1}
        beforeUpload={(picked) => {
          setFile(picked);
          return false;
        }}
        onRemove={() => setFile(null)}
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
      <Button type="primary" disabled={!file} loading={upload.isPending} onClick={onUpload}>
        {t("imports.upload")}
      </Button>
    </Space>
  );
}
