import {
  AuditOutlined,
  BankOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  ImportOutlined,
  ProjectOutlined,
  TeamOutlined,
  UserOutlined,
  ApartmentOutlined,
} from "@ant-design/icons";
import { Layout } from "antd";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation } from "react-router-dom";

import { useCan } from "@/modules/auth/hooks/useCan";
import { useSession } from "@/modules/auth/hooks/useSession";
import { PageSpinner } from "@/modules/common/components/PageSpinner";

import { LanguageSwitcher } from "./LanguageSwitcher";
import { SideNav, type SideNavGroup, type SideNavItem } from "./SideNav";
import { UserActions } from "./UserActions";

function selectedNavPath(pathname: string): string {
  if (pathname === "/") return "/";
  const [, first, second] = pathname.split("/");
  if (first === "admin" && second) return `/admin/${second}`;
  if (first === "cases") return "/pipeline";
  return `/${first ?? ""}`;
}

/** Render the frame of every page after login: side navigation, and a header with the language select and the user's name and actions. */
export function AppLayout() {
  const { t } = useTranslation();
  const can = useCan();
  const { user } = useSession();
  const passwordRequired = user?.must_change_password ?? false;
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const mainItems: SideNavItem[] = [
    { path: "/", icon: <DashboardOutlined />, label: t("nav.dashboard") },
    { path: "/patients", icon: <TeamOutlined />, label: t("nav.patients") },
    { path: "/pipeline", icon: <ProjectOutlined />, label: t("nav.pipeline") },
  ];
  if (can("tasks:read")) {
    mainItems.push({ path: "/tasks", icon: <CheckSquareOutlined />, label: t("nav.tasks") });
  }
  if (can("data:import")) {
    mainItems.push({ path: "/imports", icon: <ImportOutlined />, label: t("nav.imports") });
  }
  const adminItems: SideNavItem[] = [];
  if (can("users:manage")) {
    adminItems.push({ path: "/admin/users", icon: <UserOutlined />, label: t("nav.users") });
  }
  if (can("partners:write")) {
    adminItems.push({ path: "/admin/partners", icon: <BankOutlined />, label: t("nav.partners") });
  }
  if (can("departments:write")) {
    adminItems.push({ path: "/admin/departments", icon: <ApartmentOutlined />, label: t("nav.departments") });
  }
  if (can("audit:read")) {
    adminItems.push({ path: "/admin/audit", icon: <AuditOutlined />, label: t("nav.audit") });
  }
  const groups: SideNavGroup[] = [{ items: mainItems }];
  if (adminItems.length > 0) {
    groups.push({ title: t("nav.admin"), items: adminItems });
  }

  return (
    <Layout className="app-layout">
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={208}
        theme="light"
        className="app-sider"
      >
        <div className="app-logo">{collapsed ? t("app.shortName") : t("app.name")}</div>
        <SideNav label={t("nav.label")} groups={groups} selectedPath={selectedNavPath(location.pathname)} collapsed={collapsed} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <span className="app-header-department">{t("app.department")}</span>
          <div className="app-header-actions">
            <LanguageSwitcher persist />
            <UserActions />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          {/* Until a one-time password is replaced, the API refuses every route that needs a permission. */}
          {!passwordRequired && (
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
