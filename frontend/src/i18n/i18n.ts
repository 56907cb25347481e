import i18n from "i18next";
import { initReactI18next } from "react-i18next";

import ja from "@/locales/ja.json";

// Japanese is bundled and is the fallback, so a missing key shows Japanese, never a raw
// key. The other catalogs load on demand through loadLanguage().
void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja } },
  lng: "ja",
  fallbackLng: "ja",
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
