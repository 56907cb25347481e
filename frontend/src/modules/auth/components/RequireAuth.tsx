import { Spin } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router-dom";

import { useSession } from "../hooks/useSession";

export type RequireAuthProps = {
  children: ReactNode;
  /** Roles allowed in; omitted means any logged-in user. */
  roles?: readonly string[];
};

/** Render children for a logged-in user with an allowed role; send others to login or show 403. */
export function RequireAuth({ children, roles }: RequireAuthProps) {
  const { t } = useTranslation();
  const { status, user } = useSession();
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
  if (roles && !roles.includes(user.role)) {
    return <Navigate to="/forbidden" replace />;
  }
  return <>{children}</>;
}
