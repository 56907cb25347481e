import type { Locale } from "antd/es/locale";
import enUS from "antd/es/locale/en_US";
import jaJP from "antd/es/locale/ja_JP";

import { i18n } from "./i18n";
import type { UiLanguage } from "./supportedLanguages";

const antdLocales: Partial<Record<UiLanguage, Locale>> = { ja: jaJP };

// One chunk per language, fetched the first time a user picks it. Ant Design's English
// texts are its defaults and always in the entry chunk, so only the catalog loads for
// English. dayjs has English built in and the Japanese locale is set up with it.
const loaders: Record<Exclude<UiLanguage, "ja">, () => Promise<{ catalog: object; antd: Locale }>> = {
  en: async () => ({ catalog: (await import("@/locales/en.json")).default, antd: enUS }),
  "zh-CN": async () => {
    const [catalog, antd] = await Promise.all([import("@/locales/zh-CN.json"), import("antd/es/locale/zh_CN"), import("dayjs/locale/zh-cn")]);
    return { catalog: catalog.default, antd: antd.default };
  },
};

/** Make a language's UI catalog, Ant Design texts and dayjs locale available, and return the Ant Design locale. */
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
