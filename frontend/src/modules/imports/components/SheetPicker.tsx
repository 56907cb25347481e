import { Alert, Select, Space } from "antd";
import { useTranslation } from "react-i18next";

export type SheetPickerProps = {
  sheetNames: string[];
  value: string | null;
  /** True while the file is read again for the newly picked sheet. */
  loading: boolean;
  onChange: (sheetName: string) => void;
};

/** Pick which sheet of an XLSX workbook to import; shown only for workbooks with more than one sheet. */
export function SheetPicker({ sheetNames, value, loading, onChange }: SheetPickerProps) {
  const { t } = useTranslation();
  if (sheetNames.length < 2) {
    return null;
  }
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message={t("imports.sheetHint", { count: sheetNames.length })}
      description={
        <Space>
          <label htmlFor="import-sheet">{t("imports.sheet")}</label>
          <Select
            id="import-sheet"
            value={value ?? undefined}
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
