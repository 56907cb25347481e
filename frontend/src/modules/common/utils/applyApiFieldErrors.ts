import type { FormInstance } from "antd";
import type { TFunction } from "i18next";

import { ApiError, type ApiFieldError } from "@/api/ApiError";

import { fieldErrorKeys } from "./fieldErrorKeys";

/** i18n keys by API field name and then by error code, for messages one form words its own way. */
export type FieldErrorOverrides = Record<string, Record<string, string>>;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

function fieldMessage(form: FormInstance, field: ApiFieldError, name: (string | number)[], t: TFunction, overrides: FieldErrorOverrides): string {
  const apiName = field.path[field.path.length - 1];
  const override = typeof apiName === "string" ? overrides[apiName]?.[field.code] : undefined;
  if (override) {
    return t(override);
  }

  // The API strips whitespace before checking a minimum length, so an empty or blank value
  // arrives as string_too_short although the user left the field empty.
  if (field.code === "string_too_short") {
    return t(isBlank(form.getFieldValue(name)) ? "fieldErrors.missing" : "fieldErrors.tooShort");
  }

  const key = fieldErrorKeys[field.code];
  if (key) {
    return t(key);
  }

  // An untranslated code still carries the API's English sentence, which names the problem.
  return field.message ? t("fieldErrors.invalidWithDetail", { detail: field.message }) : t("fieldErrors.invalid");
}

/**
 * Show the API's field errors (422 `validation_failed`) under the matching form items.
 * Paths start with "body"; the rest is the antd name path, e.g. ["phones", 0, "number"].
 * `renames` maps an API field name to the form's when they differ, and `overrides` replaces
 * the message of one code on one field. Returns true when at least one error found its field.
 */
export function applyApiFieldErrors(form: FormInstance, error: unknown, t: TFunction, renames: Record<string, string> = {}, overrides: FieldErrorOverrides = {}): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) {
    return false;
  }
  const fields = error.fields
    .filter((field) => field.path[0] === "body" && field.path.length > 1)
    .map((field) => {
      const name = field.path.slice(1).map((part) => (typeof part === "string" ? (renames[part] ?? part) : part));
      return { name, errors: [fieldMessage(form, field, name, t, overrides)] };
    });
  form.setFields(fields);
  return fields.length > 0;
}
