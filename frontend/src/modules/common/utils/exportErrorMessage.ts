import type { TFunction } from "i18next";

import { ApiError } from "@/api/ApiError";
import { translateApiError } from "@/modules/common/utils/translateApiError";

// Enough to recognise the script at fault; the rest are counted.
const MAX_SHOWN_CHARACTERS = 10;

/** "张 (U+5F20)" for the API's "U+5F20", or the code point alone when it cannot be read. */
function describeCodePoint(codePoint: string): string {
  const value = Number.parseInt(codePoint.replace(/^U\+/i, ""), 16);
  if (Number.isNaN(value) || value > 0x10ffff) {
    return codePoint;
  }
  return `${String.fromCodePoint(value)} (${codePoint})`;
}

/**
 * Return the message for a failed export. When a Shift_JIS (CP932) export meets characters
 * that the encoding lacks, the API returns 422 `cp932_unencodable` with their code points in
 * `characters`, and the message names them and advises UTF-8. Other errors get the usual
 * translation.
 */
export function exportErrorMessage(error: unknown, t: TFunction): string {
  const characters = error instanceof ApiError && error.code === "cp932_unencodable" ? error.details.characters : undefined;
  if (!Array.isArray(characters) || characters.length === 0) {
    return translateApiError(error, t);
  }

  const listed = characters.slice(0, MAX_SHOWN_CHARACTERS).map((codePoint) => describeCodePoint(String(codePoint)));
  const unlisted = characters.length - listed.length;
  const listing = unlisted > 0 ? `${listed.join(" ")} ${t("exports.moreCharacters", { count: unlisted })}` : listed.join(" ");
  return t("exports.cp932Unencodable", { characters: listing });
}
