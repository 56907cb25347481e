import { KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";

import { useSession } from "@/modules/auth/hooks/useSession";

// The password form pulls in Ant Design's Form; load it only when the dialog opens.
const ChangePasswordModal = lazy(async () => ({
  default: (await import("@/modules/auth/components/ChangePasswordModal")).ChangePasswordModal,
}));

// Plain buttons, not a dropdown menu: Ant Design's Dropdown brings its Menu and form code
// into the JavaScript that every page loads first.
/** Show the logged-in user's name and role in the header, with buttons to change the password and to log out. */
export function UserActions() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  if (!user) {
    return null;
  }

  const onLogout = async () => {
    await logout();
    navigate("/login", { replace: true });
  };

  const passwordRequired = user.must_change_password;

  return (
    <div className="user-actions">
      {(changingPassword || passwordRequired) && (
        <Suspense fallback={null}>
          <ChangePasswordModal open required={passwordRequired} onClose={() => setChangingPassword(false)} />
        </Suspense>
      )}
      <span className="user-identity">
        <UserOutlined aria-hidden />
        <span className="user-name">{user.display_name}</span>
        {/* The first administrator is named after the role (管理者); the name alone says it. */}
        {t(`roles.${user.role}`) !== user.display_name && <span className="user-role">{t(`roles.${user.role}`)}</span>}
      </span>
      <Button type="text" icon={<KeyOutlined />} aria-label={t("password.title")} onClick={() => setChangingPassword(true)}>
        <span className="header-button-label">{t("password.title")}</span>
      </Button>
      <Button type="text" icon={<LogoutOutlined />} aria-label={t("layout.logout")} onClick={() => void onLogout()}>
        <span className="header-button-label">{t("layout.logout")}</span>
      </Button>
    </div>
  );
}
