/**
 * i18n keys for the API's stable error codes. A code missing here falls back to
 * `errors.generic`, which shows the request id so support can find the log line.
 */
export const apiErrorKeys: Record<string, string> = {
  bad_request: "errors.bad_request",
  validation_failed: "errors.validation_failed",
  not_authenticated: "errors.not_authenticated",
  invalid_credentials: "errors.invalid_credentials",
  session_expired: "errors.session_expired",
  invalid_token: "errors.session_expired",
  permission_denied: "errors.permission_denied",
  password_change_required: "errors.password_change_required",
  not_found: "errors.not_found",
  conflict: "errors.conflict",
  account_locked: "errors.account_locked",
  too_many_attempts: "errors.too_many_attempts",
  request_too_large: "errors.request_too_large",
  service_unavailable: "errors.service_unavailable",
  duplicate_candidates: "errors.duplicate_candidates",
  invalid_stage_transition: "errors.invalid_stage_transition",
  network_error: "errors.network_error",
  current_password_incorrect: "password.currentIncorrect",
  unreadable_sheet: "errors.unreadable_sheet",
  import_batch_busy: "errors.import_batch_busy",
  import_upload_missing: "errors.import_upload_missing",
  sheet_cell_too_large: "errors.sheet_cell_too_large",
  unknown_nationality: "errors.unknown_nationality",
};
