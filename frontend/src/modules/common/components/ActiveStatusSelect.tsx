import { Select } from "antd";
import { useTranslation } from "react-i18next";

export type ActiveStatusSelectProps = {
  value: boolean | null | undefined;
  /** Called with "true" or "false" as the URL stores them, or undefined when the filter is cleared. */
  onChange: (value: string | undefined) => void;
};

/** Filter of a list by its active flag: active, inactive, or both when cleared. */
export function ActiveStatusSelect({ value, onChange }: ActiveStatusSelectProps) {
  const { t } = useTranslation();
  return (
    <Select
      allowClear
      placeholder={t("common.status")}
      aria-label={t("common.statusFilter")}
      value={value === undefined || value === null ? undefined : String(value)}
      onChange={onChange}
      options={[
        { value: "true", label: t("common.active") },
        { value: "false", label: t("common.inactive") },
      ]}
      style={{ width: 140 }}
    />
  );
}
