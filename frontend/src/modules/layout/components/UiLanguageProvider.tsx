import { ConfigProvider, type ThemeConfig } from "antd";
import type { Locale } from "antd/es/locale";
import dayjs from "dayjs";
import { type ReactNode, useCallback, useMemo, useRef, useState } from "react";

import { dayjsLocale } from "@/i18n/dayjsLocale";
import { i18n } from "@/i18n/i18n";
import { loadLanguage } from "@/i18n/loadLanguage";
import type { UiLanguage } from "@/i18n/supportedLanguages";
import { MessageProvider } from "@/modules/common/components/MessageProvider";

import { UiLanguageContext } from "../hooks/UiLanguageContext";
import { storeLanguage } from "../utils/storedLanguage";

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

function applyLanguage(language: UiLanguage): void {
  void i18n.changeLanguage(language);
  dayjs.locale(dayjsLocale[language]);
  document.documentElement.lang = language;
}

export type UiLanguageProviderProps = {
  /** The language whose catalog main.tsx loaded before the first render. */
  initialLanguage: UiLanguage;
  initialAntdLocale: Locale;
  children: ReactNode;
};

/** Hold the UI language and keep i18next, dayjs, Ant Design and <html lang> in step with it. */
export function UiLanguageProvider({ initialLanguage, initialAntdLocale, children }: UiLanguageProviderProps) {
  const [state, setState] = useState(() => {
    applyLanguage(initialLanguage);
    return { language: initialLanguage, antdLocale: initialAntdLocale };
  });
  const latestRequest = useRef<UiLanguage>(initialLanguage);

  const setLanguage = useCallback((next: UiLanguage) => {
    latestRequest.current = next;
    storeLanguage(next);
    void loadLanguage(next).then((antdLocale) => {
      // A slower load must not override a language picked after it.
      if (latestRequest.current !== next) return;
      applyLanguage(next);
      setState({ language: next, antdLocale });
    });
  }, []);

  const value = useMemo(() => ({ language: state.language, setLanguage }), [state.language, setLanguage]);

  return (
    <UiLanguageContext.Provider value={value}>
      <ConfigProvider locale={state.antdLocale} theme={theme} button={{ autoInsertSpace: false }}>
        <MessageProvider>{children}</MessageProvider>
      </ConfigProvider>
    </UiLanguageContext.Provider>
  );
}
