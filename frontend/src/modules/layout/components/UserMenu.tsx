import { KeyOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";

import { ChangePasswordModal } from "@/modules/auth/components/ChangePasswordModal";
import { useSession } from "@/modules/auth/hooks/useSession";

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
    <ChangePasswordModal open={changingPassword || passwordRequired} required={passwordRequired} onClose={() => setChangingPassword(false)} />
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
