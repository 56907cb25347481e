import { Alert, Select, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type SheetPickerProps = {
  sheetNames: string[];
  value: string | null;
  /** True while the file is read again for the newly picked sheet. */
  loading: boolean;
  onChange: (sheetName: string) => void;
  /** Replaces the sentence that counts the sheets, for example to say why a sheet must be picked. */
  hint?: ReactNode;
};

/** Pick which sheet of an XLSX workbook to import. Renders nothing for a workbook of one sheet. */
export function SheetPicker({ sheetNames, value, loading, onChange, hint }: SheetPickerProps) {
  const { t } = useTranslation();
  if (sheetNames.length < 2) {
    return null;
  }
  return (
    <Alert
      type={hint ? "warning" : "info"}
      showIcon
      style={{ marginBottom: 16 }}
      message={hint ?? t("imports.sheetHint", { count: sheetNames.length })}
      description={
        <Space>
          <label htmlFor="import-sheet">{t("imports.sheet")}</label>
          <Select
            id="import-sheet"
            value={value ?? undefined}
            placeholder={t("imports.sheetPlaceholder")}
            onChange={onChange}
            loading={loading}
            disabled={loading}
            style={{ minWidth: 240 }}
            options={sheetNames.map((name) => ({ value: name, label: name }))}
          />
        </Space>
      }
    />
  );
}
