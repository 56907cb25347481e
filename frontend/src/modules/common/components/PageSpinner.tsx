import { Spin } from "antd";
import { useTranslation } from "react-i18next";

/** Show a centred spinner while a page's code or first data loads. */
export function PageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="page-spinner" role="status" aria-label={t("common.loading")}>
      <Spin size="large" />
    </div>
  );
}
