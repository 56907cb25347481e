import { Suspense } from "react";
import { createBrowserRouter, Outlet } from "react-router-dom";

import { RequireAuth } from "@/modules/auth/components/RequireAuth";
import { SessionProvider } from "@/modules/auth/components/SessionProvider";
import { PageSpinner } from "@/modules/common/components/PageSpinner";
import { AppLayout } from "@/modules/layout/components/AppLayout";

import { lazyPage } from "./lazyPage";

const LoginPage = lazyPage(() => import("@/modules/auth/components/LoginPage"), "LoginPage");
const DashboardPage = lazyPage(() => import("@/modules/dashboard/components/DashboardPage"), "DashboardPage");
const PatientsPage = lazyPage(() => import("@/modules/patients/components/PatientsPage"), "PatientsPage");
const PatientDetailPage = lazyPage(() => import("@/modules/patients/components/PatientDetailPage"), "PatientDetailPage");
const PatientCreatePage = lazyPage(() => import("@/modules/patients/components/PatientCreatePage"), "PatientCreatePage");
const PipelinePage = lazyPage(() => import("@/modules/pipeline/components/PipelinePage"), "PipelinePage");
const CaseDetailPage = lazyPage(() => import("@/modules/cases/components/CaseDetailPage"), "CaseDetailPage");
const TasksPage = lazyPage(() => import("@/modules/tasks/components/TasksPage"), "TasksPage");
const ImportPage = lazyPage(() => import("@/modules/imports/components/ImportPage"), "ImportPage");
const UsersAdminPage = lazyPage(() => import("@/modules/admin/components/UsersAdminPage"), "UsersAdminPage");
const PartnersAdminPage = lazyPage(() => import("@/modules/admin/components/PartnersAdminPage"), "PartnersAdminPage");
const DepartmentsAdminPage = lazyPage(() => import("@/modules/admin/components/DepartmentsAdminPage"), "DepartmentsAdminPage");
const ForbiddenPage = lazyPage(() => import("@/modules/common/components/ForbiddenPage"), "ForbiddenPage");
const NotFoundPage = lazyPage(() => import("@/modules/common/components/NotFoundPage"), "NotFoundPage");
const AuditLogPage = lazyPage(() => import("@/modules/admin/components/AuditLogPage"), "AuditLogPage");

function SessionRoot() {
  return (
    <SessionProvider>
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
    </SessionProvider>
  );
}

/** Every route of the app; pages load lazily so the login and dashboard bundles stay small. */
export const router = createBrowserRouter([
  {
    element: <SessionRoot />,
    children: [
      { path: "/login", element: <LoginPage /> },
      {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <DashboardPage /> },
          { path: "patients", element: <PatientsPage /> },
          { path: "patients/new", element: <RequireAuth permission="patients:write"><PatientCreatePage /></RequireAuth> },
          { path: "patients/:patientId", element: <PatientDetailPage /> },
          { path: "pipeline", element: <PipelinePage /> },
          { path: "cases/:caseId", element: <CaseDetailPage /> },
          { path: "tasks", element: <RequireAuth permission="tasks:read"><TasksPage /></RequireAuth> },
          { path: "imports", element: <RequireAuth permission="data:import"><ImportPage /></RequireAuth> },
          { path: "admin/users", element: <RequireAuth permission="users:manage"><UsersAdminPage /></RequireAuth> },
          { path: "admin/partners", element: <RequireAuth permission="partners:write"><PartnersAdminPage /></RequireAuth> },
          { path: "admin/departments", element: <RequireAuth permission="departments:write"><DepartmentsAdminPage /></RequireAuth> },
          { path: "admin/audit", element: <RequireAuth permission="audit:read"><AuditLogPage /></RequireAuth> },
          { path: "forbidden", element: <ForbiddenPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
