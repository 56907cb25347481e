import dayjs, { type Dayjs } from "dayjs";

// The API accepts a date of birth from 1900-01-01 to today (PatientFields.date_of_birth).
const EARLIEST_BIRTH_DATE = dayjs("1900-01-01");

/** disabledDate for a date-of-birth picker: true for future dates and dates before 1900. */
export function isOutsideBirthDateRange(date: Dayjs): boolean {
  return date.isAfter(dayjs(), "day") || date.isBefore(EARLIEST_BIRTH_DATE, "day");
}
