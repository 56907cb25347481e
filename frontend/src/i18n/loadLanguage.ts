import type { Locale } from "antd/es/locale";
import jaJP from "antd/es/locale/ja_JP";

import { i18n } from "./i18n";
import type { UiLanguage } from "./supportedLanguages";

const antdLocales: Partial<Record<UiLanguage, Locale>> = { ja: jaJP };

// One chunk per language, fetched the first time a user picks it.
const loaders: Record<Exclude<UiLanguage, "ja">, () => Promise<{ catalog: object; antd: Locale }>> = {
  en: async () => ({ catalog: (await import("@/locales/en.json")).default, antd: (await import("antd/es/locale/en_US")).default }),
  "zh-CN": async () => ({ catalog: (await import("@/locales/zh-CN.json")).default, antd: (await import("antd/es/locale/zh_CN")).default }),
};

/** Make a language's UI catalog and Ant Design texts available, and return the Ant Design locale. */
export async function loadLanguage(language: UiLanguage): Promise<Locale> {
  const cached = antdLocales[language];
  if (cached) {
    return cached;
  }
  const { catalog, antd } = await loaders[language as Exclude<UiLanguage, "ja">]();
  i18n.addResourceBundle(language, "translation", catalog, true, true);
  antdLocales[language] = antd;
  return antd;
}
