import type { TFunction } from "i18next";

import { ApiError } from "@/api/ApiError";

import { apiErrorKeys } from "./apiErrorKeys";

/** Turn any thrown value into a sentence in the UI language, naming the request id when the code is unknown. */
export function translateApiError(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) {
    return t("errors.generic", { requestId: "-" });
  }

  const key = apiErrorKeys[error.code];
  if (key) {
    return t(key);
  }
  return t("errors.generic", { requestId: error.requestId ?? "-" });
}
