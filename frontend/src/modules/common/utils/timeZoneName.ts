const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string, language: string): Intl.DateTimeFormat | null {
  const key = `${language}|${timeZone}`;
  if (!formatters.has(key)) {
    try {
      formatters.set(key, new Intl.DateTimeFormat(language, { timeZone, timeZoneName: "longGeneric" }));
    } catch {
      // A zone the browser does not know, or a browser without the "longGeneric" option.
      formatters.set(key, null);
    }
  }
  return formatters.get(key) ?? null;
}

/**
 * Name an IANA time zone in the UI language, as the browser's Intl data does
 * ("Asia/Shanghai" -> "中国標準時", "China Standard Time"). A zone without a name of its
 * own, such as Etc/GMT-3, comes back as an offset ("GMT+03:00"). A zone the browser does
 * not know comes back unchanged.
 */
export function timeZoneName(timeZone: string, language: string): string {
  const formatter = formatterFor(timeZone, language);
  const name = formatter?.formatToParts(new Date()).find((part) => part.type === "timeZoneName")?.value;
  return name || timeZone;
}
