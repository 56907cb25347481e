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
import { Layout, Menu, Typography } from "antd";
import type { ItemType } from "antd/es/menu/interface";
import { Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router-dom";

import { useCan } from "@/modules/auth/hooks/useCan";
import { useSession } from "@/modules/auth/hooks/useSession";
import { PageSpinner } from "@/modules/common/components/PageSpinner";

import { LanguageSwitcher } from "./LanguageSwitcher";
import { UserMenu } from "./UserMenu";

function selectedMenuKey(pathname: string): string {
  if (pathname === "/") return "/";
  const [, first, second] = pathname.split("/");
  if (first === "admin" && second) return `/admin/${second}`;
  if (first === "cases") return "/pipeline";
  return `/${first ?? ""}`;
}

/** Render the frame of every page after login: side navigation, and a header with the language and user menus. */
export function AppLayout() {
  const { t } = useTranslation();
  const { user } = useSession();
  const can = useCan();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const isAdmin = user?.role === "admin";
  const isPartner = user?.role === "partner";

  const items: ItemType[] = [
    { key: "/", icon: <DashboardOutlined />, label: <Link to="/">{t("nav.dashboard")}</Link> },
    { key: "/patients", icon: <TeamOutlined />, label: <Link to="/patients">{t("nav.patients")}</Link> },
    { key: "/pipeline", icon: <ProjectOutlined />, label: <Link to="/pipeline">{t("nav.pipeline")}</Link> },
  ];
  if (!isPartner) {
    items.push({ key: "/tasks", icon: <CheckSquareOutlined />, label: <Link to="/tasks">{t("nav.tasks")}</Link> });
  }
  if (can("importData")) {
    items.push({ key: "/imports", icon: <ImportOutlined />, label: <Link to="/imports">{t("nav.imports")}</Link> });
  }
  if (isAdmin) {
    items.push({
      key: "admin",
      icon: <AuditOutlined />,
      label: t("nav.admin"),
      children: [
        { key: "/admin/users", icon: <UserOutlined />, label: <Link to="/admin/users">{t("nav.users")}</Link> },
        { key: "/admin/partners", icon: <BankOutlined />, label: <Link to="/admin/partners">{t("nav.partners")}</Link> },
        { key: "/admin/departments", icon: <ApartmentOutlined />, label: <Link to="/admin/departments">{t("nav.departments")}</Link> },
        { key: "/admin/audit", icon: <AuditOutlined />, label: <Link to="/admin/audit">{t("nav.audit")}</Link> },
      ],
    });
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
        <nav aria-label={t("nav.label")}>
          <Menu mode="inline" selectedKeys={[selectedMenuKey(location.pathname)]} defaultOpenKeys={["admin"]} items={items} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Text className="app-header-department">{t("app.department")}</Typography.Text>
          <div className="app-header-actions">
            <LanguageSwitcher persist />
            <UserMenu />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<PageSpinner />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
