import type { TFunction } from "i18next";

/** "3日 4時間" style duration from seconds: days and hours, or hours and minutes under a day. */
export function formatDuration(seconds: number | null | undefined, t: TFunction): string {
  if (seconds === null || seconds === undefined || seconds < 0) {
    return "";
  }
  const totalMinutes = Math.floor(seconds / 60);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;

  if (days > 0) {
    return [t("duration.days", { count: days }), hours > 0 ? t("duration.hours", { count: hours }) : ""].filter(Boolean).join(" ");
  }
  if (hours > 0) {
    return [t("duration.hours", { count: hours }), minutes > 0 ? t("duration.minutes", { count: minutes }) : ""].filter(Boolean).join(" ");
  }
  return t("duration.minutes", { count: minutes });
}
