import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t("errors.forbiddenTitle")}
      subTitle={t("errors.permission_denied")}
      extra={<Link to="/"><Button type="primary">{t("nav.backToDashboard")}</Button></Link>}
    />
  );
}
