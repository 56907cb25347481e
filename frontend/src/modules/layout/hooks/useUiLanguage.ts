import { useContext } from "react";

import { UiLanguageContext, type UiLanguageValue } from "./UiLanguageContext";

/** Return the UI language and its setter; i18next, dayjs and Ant Design follow it. */
export function useUiLanguage(): UiLanguageValue {
  const value = useContext(UiLanguageContext);
  if (!value) {
    throw new Error("useUiLanguage must be used inside <UiLanguageProvider>.");
  }
  return value;
}
