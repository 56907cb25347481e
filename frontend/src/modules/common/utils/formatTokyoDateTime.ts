import dayjs from "dayjs";

import { tokyoTimeZone } from "./tokyoTimeZone";

/** Format an ISO instant as Tokyo wall time, e.g. "2026/12/04 18:30". Empty input gives "". */
export function formatTokyoDateTime(value: string | null | undefined): string {
  if (!value) {
    return "";
  }
  return dayjs(value).tz(tokyoTimeZone).format("YYYY/MM/DD HH:mm");
}
