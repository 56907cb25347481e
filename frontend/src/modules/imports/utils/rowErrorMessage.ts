type RowError = { message_ja: string; message_en: string; message_zh: string };

/** Return the reason a row was rejected, in the UI language. */
export function rowErrorMessage(error: RowError, language: string): string {
  if (language === "en") return error.message_en;
  if (language === "zh-CN") return error.message_zh;
  return error.message_ja;
}
