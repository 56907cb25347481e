import type { TFunction } from "i18next";

import { ApiError } from "@/api/ApiError";

import { fieldErrorKeys } from "./fieldErrorKeys";

/**
 * Translate the first field error of a 422 response that has a translated message, for places
 * without a form to show it under. Returns null when there is none.
 */
export function translateFirstFieldError(error: unknown, t: TFunction): string | null {
  if (!(error instanceof ApiError)) {
    return null;
  }
  const key = error.fields.map((field) => fieldErrorKeys[field.code]).find((found) => found !== undefined);
  return key ? t(key) : null;
}
