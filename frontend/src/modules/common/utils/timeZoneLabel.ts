import type { TFunction } from "i18next";

import { timeZoneName } from "./timeZoneName";

/** Label a time zone with its name in the UI language and its IANA id: "中国標準時（Asia/Shanghai）". */
export function timeZoneLabel(timeZone: string, language: string, t: TFunction): string {
  const name = timeZoneName(timeZone, language);
  return name === timeZone ? timeZone : t("common.timeZoneLabel", { name, zone: timeZone });
}
