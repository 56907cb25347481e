import dayjs from "dayjs";

/**
 * Format an ISO instant as wall time in `timeZone`, e.g. "2026/12/04 17:30". Returns ""
 * when the zone is missing or unknown to the browser's Intl data.
 */
export function formatZonedTime(value: string | null | undefined, timeZone: string | null | undefined): string {
  if (!value || !timeZone) {
    return "";
  }
  try {
    return dayjs(value).tz(timeZone).format("YYYY/MM/DD HH:mm");
  } catch {
    return "";
  }
}
