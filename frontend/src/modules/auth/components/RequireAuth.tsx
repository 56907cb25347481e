import { Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router-dom";

import { useCan } from "../hooks/useCan";
import { useSession } from "../hooks/useSession";
import type { Permission } from "../utils/Permission";

export type RequireAuthProps = {
  children: ReactNode;
  /** Permission needed to enter; omitted means any logged-in user. */
  permission?: Permission;
};

/** Render children for a logged-in user with the permission; send others to login or show 403. */
export function RequireAuth({ children, permission }: RequireAuthProps) {
  const { t } = useTranslation();
  const { status, user } = useSession();
  const can = useCan();
  const location = useLocation();

  if (status === "loading") {
    return (
      <div className="page-spinner">
        <Spin size="large" tip={t("common.loading")}>
          <div style={{ padding: 48 }} />
        </Spin>
      </div>
    );
  }
  if (status === "anonymous" || !user) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (permission && !can(permission)) {
    return <Navigate to="/forbidden" replace />;
  }
  return <>{children}</>;
}
