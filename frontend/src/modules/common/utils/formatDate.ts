import dayjs from "dayjs";

/** Format a calendar date (ISO "YYYY-MM-DD") the way Japanese forms write it: "1985/03/12". */
export function formatDate(value: string | null | undefined): string {
  if (!value) {
    return "";
  }
  return dayjs(value).format("YYYY/MM/DD");
}
