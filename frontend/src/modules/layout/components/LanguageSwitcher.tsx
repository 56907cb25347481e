import { GlobalOutlined } from "@ant-design/icons";
import { App, Select } from "antd";
import { useTranslation } from "react-i18next";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { supportedLanguages, type UiLanguage } from "@/i18n/supportedLanguages";
import { useSession } from "@/modules/auth/hooks/useSession";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { useUiLanguage } from "../hooks/useUiLanguage";

export type LanguageSwitcherProps = {
  /** Save the choice to the account with PATCH /users/me (off on the login page). */
  persist: boolean;
};

/** Select for the UI language; each language is listed in its own script. */
export function LanguageSwitcher({ persist }: LanguageSwitcherProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { language, setLanguage } = useUiLanguage();
  const { setUser } = useSession();

  const onChange = async (next: UiLanguage) => {
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
    <Select<UiLanguage>
      value={language}
      onChange={onChange}
      suffixIcon={<GlobalOutlined />}
      aria-label={t("layout.language")}
      style={{ width: 130 }}
      options={supportedLanguages.map((code) => ({ value: code, label: t(`language.${code}`) }))}
    />
  );
}
