import type { FormInstance } from "antd";
import type { TFunction } from "i18next";

import { ApiError } from "@/api/ApiError";

// Pydantic's error types and the API's own field codes that have a translated message.
const FIELD_ERROR_KEYS: Record<string, string> = {
  missing: "fieldErrors.missing",
  string_too_short: "fieldErrors.missing",
  string_too_long: "fieldErrors.tooLong",
  value_error: "fieldErrors.invalid",
  date_from_datetime_parsing: "fieldErrors.date",
  date_parsing: "fieldErrors.date",
  date_type: "fieldErrors.date",
  invalid_email: "fieldErrors.email",
  invalid_phone: "fieldErrors.phone",
  invalid_country: "fieldErrors.country",
  invalid_language: "fieldErrors.language",
  unique: "fieldErrors.unique",
  password_too_short: "password.tooShort",
  password_too_long: "fieldErrors.tooLong",
  password_too_common: "password.tooCommon",
  password_too_weak: "password.tooWeak",
  password_contains_email: "password.containsEmail",
  password_unchanged: "password.unchanged",
};

/**
 * Show the API's field errors (422 `validation_failed`) under the matching form items.
 * Paths start with "body"; the rest is the antd name path, e.g. ["phones", 0, "number"].
 * `renames` maps an API field name to the form's when they differ. Returns true when at
 * least one error found its field.
 */
export function applyApiFieldErrors(form: FormInstance, error: unknown, t: TFunction, renames: Record<string, string> = {}): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) {
    return false;
  }
  const fields = error.fields
    .filter((field) => field.path[0] === "body" && field.path.length > 1)
    .map((field) => ({
      name: field.path.slice(1).map((part) => (typeof part === "string" ? (renames[part] ?? part) : part)),
      errors: [t(FIELD_ERROR_KEYS[field.code] ?? "fieldErrors.invalid")],
    }));
  form.setFields(fields);
  return fields.length > 0;
}
