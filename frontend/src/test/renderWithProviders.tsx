import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import jaJP from "antd/es/locale/ja_JP";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router-dom";

import { SessionContext, type SessionValue } from "@/modules/auth/hooks/SessionContext";
import type { CurrentUser } from "@/modules/auth/utils/CurrentUser";
import { UiLanguageProvider } from "@/modules/layout/components/UiLanguageProvider";

export const testUser: CurrentUser = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "hanako@example.com",
  display_name: "調整 花子",
  role: "coordinator",
  languages: ["ja", "zh"],
  ui_language: "ja",
  active: true,
  partner_id: null,
  last_login_at: null,
  must_change_password: false,
  created_at: "2026-01-01T00:00:00Z",
  // A coordinator's permissions, as GET /users/me lists them.
  permissions: [
    "patients:read",
    "patients:write",
    "patients:merge",
    "patients:read_identity",
    "patients:read_medical",
    "cases:read",
    "cases:write",
    "cases:move_stage",
    "activities:read",
    "activities:write",
    "tasks:read",
    "tasks:write",
    "partners:read",
    "partners:write",
    "users:read",
    "data:import",
    "data:export",
    "reports:read",
  ],
};

type Options = {
  session?: Partial<SessionValue>;
  path?: string;
};

/** Render a component inside the app's providers: a fresh query cache, Japanese UI, a data router and a session. */
export function renderWithProviders(element: ReactElement, { session, path = "/" }: Options = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const sessionValue: SessionValue = {
    status: "authenticated",
    user: testUser,
    login: async () => testUser,
    logout: async () => undefined,
    setUser: () => undefined,
    ...session,
  };
  const router = createMemoryRouter([{ path: "*", element }], { initialEntries: [path] });

  const view = render(
    <QueryClientProvider client={queryClient}>
      <UiLanguageProvider initialLanguage="ja" initialAntdLocale={jaJP}>
        <SessionContext.Provider value={sessionValue}>
          <RouterProvider router={router} />
        </SessionContext.Provider>
      </UiLanguageProvider>
    </QueryClientProvider>,
  );
  return { ...view, queryClient, router };
}
