import { supportedLanguages, type UiLanguage } from "./supportedLanguages";

export function isUiLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}
