import { KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";

import { useSession } from "@/modules/auth/hooks/useSession";

// The password form pulls in Ant Design's Form; load it only when the dialog opens.
const ChangePasswordModal = lazy(async () => ({
  default: (await import("@/modules/auth/components/ChangePasswordModal")).ChangePasswordModal,
}));

/** Show the header's user button with the user's name, role and logout. */
export function UserMenu() {
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
    <>
    {(changingPassword || passwordRequired) && (
      <Suspense fallback={null}>
        <ChangePasswordModal open required={passwordRequired} onClose={() => setChangingPassword(false)} />
      </Suspense>
    )}
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "role", label: t(`roles.${user.role}`), disabled: true },
          { type: "divider" },
          { key: "password", icon: <KeyOutlined />, label: t("password.title"), onClick: () => setChangingPassword(true) },
          { key: "logout", icon: <LogoutOutlined />, label: t("layout.logout"), onClick: () => void onLogout() },
        ],
      }}
    >
      <Button type="text" icon={<UserOutlined />} aria-label={t("layout.userMenu", { name: user.display_name })}>
        <span className="user-name">{user.display_name}</span>
      </Button>
    </Dropdown>
    </>
  );
}
