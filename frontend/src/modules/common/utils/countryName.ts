const cache = new Map<string, Intl.DisplayNames>();

/** Name of an ISO 3166-1 alpha-2 country in the UI language ("CN" -> "中国"); unknown codes come back unchanged. */
export function countryName(code: string | null | undefined, language: string): string {
  if (!code) {
    return "";
  }
  let names = cache.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language], { type: "region" });
    cache.set(language, names);
  }
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
