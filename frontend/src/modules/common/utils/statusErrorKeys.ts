/** i18n keys for HTTP statuses, used when the API's error code has no key of its own. */
export const statusErrorKeys: Record<number, string> = {
  400: "errors.bad_request",
  401: "errors.not_authenticated",
  403: "errors.permission_denied",
  404: "errors.not_found",
  409: "errors.conflict",
  413: "errors.request_too_large",
  422: "errors.validation_failed",
  423: "errors.account_locked",
  429: "errors.too_many_attempts",
  503: "errors.service_unavailable",
};
