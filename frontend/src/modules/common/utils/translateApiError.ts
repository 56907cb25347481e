import type { TFunction } from "i18next";

import { ApiError } from "@/api/ApiError";

import { apiErrorKeys } from "./apiErrorKeys";
import { statusErrorKeys } from "./statusErrorKeys";

/**
 * Turn any thrown value into a sentence in the UI language: by the error code, else by the
 * HTTP status (domain codes such as `patient_not_found` share one message), else a generic
 * sentence with the request id.
 */
export function translateApiError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) {
    return t("errors.generic", { requestId: "-" });
  }

  const key = apiErrorKeys[error.code] ?? statusErrorKeys[error.status];
  if (key) {
    return t(key);
  }
  return t("errors.generic", { requestId: error.requestId ?? "-" });
}
