let zones: string[] | null = null;

/** Return the IANA time zones the browser supports, for the patient's time zone picker. */
export function timeZones(): string[] {
  if (!zones) {
    zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["Asia/Tokyo", "UTC"];
  }
  return zones;
}
