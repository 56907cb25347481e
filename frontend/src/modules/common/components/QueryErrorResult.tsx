import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { ApiError } from "@/api/ApiError";

import { ErrorAlert } from "./ErrorAlert";

export type QueryErrorResultProps = {
  error: unknown;
  onRetry: () => void;
};

/** Show the error state of a detail page: 404 and 403 get their own page, anything else a retry button. */
export function QueryErrorResult({ error, onRetry }: QueryErrorResultProps) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  const back = (
    <Link to="/">
      <Button type="primary">{t("nav.backToDashboard")}</Button>
    </Link>
  );

  if (status === 404) {
    return <Result status="404" title={t("errors.recordNotFoundTitle")} subTitle={t("errors.not_found")} extra={back} />;
  }
  if (status === 403) {
    return <Result status="403" title={t("errors.forbiddenTitle")} subTitle={t("errors.permission_denied")} extra={back} />;
  }
  return <ErrorAlert error={error} onRetry={onRetry} />;
}
