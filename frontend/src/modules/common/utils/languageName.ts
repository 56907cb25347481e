const cache = new Map<string, Intl.DisplayNames>();

/** Name of an ISO 639-1 language in the UI language ("zh" -> "中国語"); unknown codes come back unchanged. */
export function languageName(code: string | null | undefined, uiLanguage: string): string {
  if (!code) {
    return "";
  }
  let names = cache.get(uiLanguage);
  if (!names) {
    names = new Intl.DisplayNames([uiLanguage], { type: "language" });
    cache.set(uiLanguage, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
