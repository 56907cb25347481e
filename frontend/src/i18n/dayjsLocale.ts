import "dayjs/locale/en";
import "dayjs/locale/ja";
import "dayjs/locale/zh-cn";

import type { UiLanguage } from "./supportedLanguages";

/** dayjs locale names per UI language; dayjs spells Simplified Chinese in lower case. */
export const dayjsLocale: Record<UiLanguage, string> = {
  ja: "ja",
  en: "en",
  "zh-CN": "zh-cn",
};
