import type { UiLanguage } from "./supportedLanguages";

/**
 * dayjs locale names per UI language; dayjs spells Simplified Chinese in lower case.
 * The locale data is imported by app/setupDayjs.ts (Japanese) and by loadLanguage() (Chinese).
 */
export const dayjsLocale: Record<UiLanguage, string> = {
  ja: "ja",
  en: "en",
  "zh-CN": "zh-cn",
};
