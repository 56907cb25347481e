import { isUiLanguage } from "@/i18n/isUiLanguage";
import type { UiLanguage } from "@/i18n/supportedLanguages";

// The language choice is kept in localStorage, so the login page speaks it too.
const STORAGE_KEY = "hospital-crm.ui-language";

/** Return the language picked last in this browser, or Japanese. */
export function readStoredLanguage(): UiLanguage {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return isUiLanguage(stored) ? stored : "ja";
}

export function storeLanguage(language: UiLanguage): void {
  window.localStorage.setItem(STORAGE_KEY, language);
}
