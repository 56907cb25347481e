/** The hospital's time zone: every time in the UI is shown in it first. */
export const tokyoTimeZone = "Asia/Tokyo";
