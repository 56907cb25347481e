import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import en from "@/locales/en.json";
import ja from "@/locales/ja.json";
import zhCN from "@/locales/zh-CN.json";

// Japanese is the default and the fallback: a missing key shows Japanese, never a raw key.
void i18n.use(initReactI18next).init({
  resources: {
    ja: { translation: ja },
    en: { translation: en },
    "zh-CN": { translation: zhCN },
  },
  lng: "ja",
  fallbackLng: "ja",
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
