import { App as AntApp, ConfigProvider, type ThemeConfig } from "antd";
import dayjs from "dayjs";
import { type ReactNode, useCallback, useMemo, useState } from "react";

import { antdLocale } from "@/i18n/antdLocale";
import { dayjsLocale } from "@/i18n/dayjsLocale";
import { i18n } from "@/i18n/i18n";
import { isUiLanguage } from "@/i18n/isUiLanguage";
import type { UiLanguage } from "@/i18n/supportedLanguages";

import { UiLanguageContext } from "../hooks/UiLanguageContext";

// Only the language choice is kept in the browser, so the login page speaks it too.
const STORAGE_KEY = "hospital-crm.ui-language";

function readStoredLanguage(): UiLanguage {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return isUiLanguage(stored) ? stored : "ja";
}

function applyLanguage(language: UiLanguage): void {
  void i18n.changeLanguage(language);
  dayjs.locale(dayjsLocale[language]);
  document.documentElement.lang = language;
}

// Ant Design's default link colour and secondary text are below the WCAG AA contrast of
// 4.5:1 on white; these values pass it.
const theme: ThemeConfig = {
  token: {
    colorPrimary: "#0b6bcb",
    colorInfo: "#0b6bcb",
    colorLink: "#0a5db3",
    colorTextSecondary: "rgba(0, 0, 0, 0.65)",
    colorTextDescription: "rgba(0, 0, 0, 0.65)",
    colorTextTertiary: "rgba(0, 0, 0, 0.6)",
    fontSize: 14,
  },
};

export type UiLanguageProviderProps = {
  children: ReactNode;
};

/** Hold the UI language and keep i18next, dayjs, Ant Design and <html lang> in step with it. */
export function UiLanguageProvider({ children }: UiLanguageProviderProps) {
  const [language, setLanguageState] = useState<UiLanguage>(() => {
    const initial = readStoredLanguage();
    applyLanguage(initial);
    return initial;
  });

  const setLanguage = useCallback((next: UiLanguage) => {
    applyLanguage(next);
    window.localStorage.setItem(STORAGE_KEY, next);
    setLanguageState(next);
  }, []);

  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);

  return (
    <UiLanguageContext.Provider value={value}>
      <ConfigProvider locale={antdLocale[language]} theme={theme}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </UiLanguageContext.Provider>
  );
}
