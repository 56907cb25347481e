import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";

import { useSession } from "@/modules/auth/hooks/useSession";

/** Show the header's user button with the user's name, role and logout. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const navigate = useNavigate();
  if (!user) {
    return null;
  }

  const onLogout = async () => {
    await logout();
    navigate("/login", { replace: true });
  };

  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: [
          { key: "role", label: t(`roles.${user.role}`), disabled: true },
          { type: "divider" },
          { key: "logout", icon: <LogoutOutlined />, label: t("layout.logout"), onClick: () => void onLogout() },
        ],
      }}
    >
      <Button type="text" icon={<UserOutlined />} aria-label={t("layout.userMenu", { name: user.display_name })}>
        <span className="user-name">{user.display_name}</span>
      </Button>
    </Dropdown>
  );
}
