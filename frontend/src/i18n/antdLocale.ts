import type { Locale } from "antd/es/locale";
import enUS from "antd/locale/en_US";
import jaJP from "antd/locale/ja_JP";
import zhCN from "antd/locale/zh_CN";

import type { UiLanguage } from "./supportedLanguages";

/** Ant Design's built-in texts (pagination, date pickers, empty states) per UI language. */
export const antdLocale: Record<UiLanguage, Locale> = {
  ja: jaJP,
  en: enUS,
  "zh-CN": zhCN,
};
