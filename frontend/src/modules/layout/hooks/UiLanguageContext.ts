import { createContext } from "react";

import type { UiLanguage } from "@/i18n/supportedLanguages";

export type UiLanguageValue = {
  language: UiLanguage;
  setLanguage: (language: UiLanguage) => void;
};

export const UiLanguageContext = createContext<UiLanguageValue | null>(null);
