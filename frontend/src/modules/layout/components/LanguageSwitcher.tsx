import { GlobalOutlined } from "@ant-design/icons";
import type { ChangeEvent } from "react";
import { useTranslation } from "react-i18next";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { isUiLanguage } from "@/i18n/isUiLanguage";
import { supportedLanguages } from "@/i18n/supportedLanguages";
import { useSession } from "@/modules/auth/hooks/useSession";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { useUiLanguage } from "../hooks/useUiLanguage";

export type LanguageSwitcherProps = {
  /** Save the choice to the account with PATCH /users/me (off on the login page). */
  persist: boolean;
};

// A native <select>, not Ant Design's Select or Dropdown: those and the form code they
// import would add about 35 KB gzip to the JavaScript that every page loads first.
/** Select for the UI language; each language is listed in its own script. */
export function LanguageSwitcher({ persist }: LanguageSwitcherProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const { language, setLanguage } = useUiLanguage();
  const { setUser } = useSession();

  const onChange = async (event: ChangeEvent<HTMLSelectElement>) => {
    const next = event.target.value;
    if (!isUiLanguage(next)) {
      return;
    }
    setLanguage(next);
    if (!persist) {
      return;
    }
    try {
      const user = unwrap(await client.PATCH("/api/v1/users/me", { body: { ui_language: next } }));
      setUser(user);
    } catch (error) {
      void message.error(translateApiError(error, t));
    }
  };

  return (
    <span className="language-switcher">
      <GlobalOutlined aria-hidden />
      <select value={language} onChange={(event) => void onChange(event)} aria-label={t("layout.language")}>
        {supportedLanguages.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`language.${code}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
