import { SettingOutlined } from "@ant-design/icons";
import { Button, Checkbox, Popover } from "antd";
import { useTranslation } from "react-i18next";

export type ColumnChooserProps = {
  options: { value: string; label: string }[];
  value: string[];
  onChange: (columns: string[]) => void;
};

/** Show a popover of checkboxes that picks which table columns are shown. */
export function ColumnChooser({ options, value, onChange }: ColumnChooserProps) {
  const { t } = useTranslation();
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t("common.columns")}
      content={
        <Checkbox.Group
          style={{ display: "flex", flexDirection: "column", gap: 4 }}
          options={options}
          value={value}
          onChange={(checked) => onChange(checked.map(String))}
        />
      }
    >
      <Button icon={<SettingOutlined />}>{t("common.columns")}</Button>
    </Popover>
  );
}
