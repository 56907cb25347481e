import { QueryClientProvider } from "@tanstack/react-query";
import type { Locale } from "antd/es/locale";
import { RouterProvider } from "react-router-dom";

import type { UiLanguage } from "@/i18n/supportedLanguages";
import { UiLanguageProvider } from "@/modules/layout/components/UiLanguageProvider";

import { queryClient } from "./queryClient";
import { router } from "./router";

export type AppProps = {
  language: UiLanguage;
  antdLocale: Locale;
};

export function App({ language, antdLocale }: AppProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <UiLanguageProvider initialLanguage={language} initialAntdLocale={antdLocale}>
        <RouterProvider router={router} />
      </UiLanguageProvider>
    </QueryClientProvider>
  );
}
