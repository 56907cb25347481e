/** UI languages, in the order the language switcher lists them; the values match the API's `ui_language`. */
export const supportedLanguages = ["ja", "en", "zh-CN"] as const;

export type UiLanguage = (typeof supportedLanguages)[number];
