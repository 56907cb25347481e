import { Alert, Button } from "antd";
import { useTranslation } from "react-i18next";

import { translateApiError } from "../utils/translateApiError";

export type ErrorAlertProps = {
  error: unknown;
  onRetry?: () => void;
};

/** Show the error state of a list or page: a translated message and, when possible, a retry button. */
export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      message={t("common.loadFailed")}
      description={translateApiError(error, t)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
