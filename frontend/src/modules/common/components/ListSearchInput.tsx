import { Input } from "antd";
import { useTranslation } from "react-i18next";

export type ListSearchInputProps = {
  /** The search text currently applied to the list, from the URL. */
  value: string | null | undefined;
  /** Called with the trimmed text when the user presses Enter, clicks the button or clears the box. */
  onSearch: (text: string) => void;
  placeholder: string;
  label: string;
  width: number;
};

/** Search box of a list page: the search runs on Enter or the button, not on every keystroke. */
export function ListSearchInput({ value, onSearch, placeholder, label, width }: ListSearchInputProps) {
  const { t } = useTranslation();
  return (
    <Input.Search
      // Remounting on a new value keeps the box in step with the URL after back, forward or a nav link.
      key={value ?? ""}
      allowClear
      defaultValue={value ?? ""}
      placeholder={placeholder}
      aria-label={label}
      enterButton={t("common.search")}
      onSearch={(text) => onSearch(text.trim())}
      style={{ width, maxWidth: "100%" }}
    />
  );
}
