import type { TFunction } from "i18next";

import { auditFieldLabelKeys } from "./auditFieldLabelKeys";

// Export events written before the audit log stored field identifiers name the export's
// Japanese column headers instead.
const legacyExportHeaders: Record<string, string> = {
  パスポート番号: "passport_number",
  病歴概要: "medical_summary",
  アレルギー: "allergies",
};

/** Return the name of a record field in the UI language ("stage" -> "段階"). A field unknown here keeps the API's name. */
export function auditFieldLabel(field: string, t: TFunction): string {
  const key = auditFieldLabelKeys[legacyExportHeaders[field] ?? field];
  return key ? t(key) : field;
}
