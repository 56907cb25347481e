import type { TFunction } from "i18next";

import { auditFieldLabelKeys } from "./auditFieldLabelKeys";

/** Return the name of a record field in the UI language ("stage" -> "段階"). A field unknown here keeps the API's name. */
export function auditFieldLabel(field: string, t: TFunction): string {
  const key = auditFieldLabelKeys[field];
  return key ? t(key) : field;
}
