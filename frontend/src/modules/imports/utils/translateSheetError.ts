import type { TFunction } from "i18next";

import { ApiError } from "@/api/ApiError";
import { translateApiError } from "@/modules/common/utils/translateApiError";

// The reasons behind an `unreadable_sheet` error, sent as the code of its field error on "file".
const SHEET_ERROR_KEYS: Record<string, string> = {
  empty_sheet: "imports.sheetErrors.emptySheet",
  name_column_not_found: "imports.sheetErrors.nameColumnNotFound",
  unknown_encoding: "imports.sheetErrors.unknownEncoding",
  unsupported_encoding: "imports.sheetErrors.unsupportedEncoding",
  undecodable_row: "imports.sheetErrors.undecodableRow",
  invalid_csv: "imports.sheetErrors.invalidCsv",
  unreadable_xlsx: "imports.sheetErrors.unreadableXlsx",
  sheet_not_found: "imports.sheetErrors.sheetNotFound",
};

/**
 * Translate an error from uploading or starting an import. An unreadable sheet gets the message
 * for its reason. The API's own sentence is not shown because it is written for the CLI.
 */
export function translateSheetError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.code === "unreadable_sheet") {
    const key = SHEET_ERROR_KEYS[error.fields[0]?.code ?? ""];
    if (key) {
      return t(key, { row: error.details.row ?? "-" });
    }
  }
  return translateApiError(error, t);
}
