import "./app/setupDayjs";
import "./i18n/i18n";
import "./styles.css";

import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./app/App";
import { loadLanguage } from "./i18n/loadLanguage";
import { readStoredLanguage } from "./modules/layout/utils/storedLanguage";

const container = document.getElementById("root");
if (!container) {
  throw new Error("index.html has no #root element.");
}

const language = readStoredLanguage();
void loadLanguage(language).then((antdLocale) => {
  createRoot(container).render(
    <StrictMode>
      <App language={language} antdLocale={antdLocale} />
    </StrictMode>,
  );
});
