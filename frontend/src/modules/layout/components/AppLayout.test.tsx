import { screen, within } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";

import { renderWithProviders, testUser } from "@/test/renderWithProviders";

import { AppLayout } from "./AppLayout";

// A partner user's permissions, as GET /users/me lists them: tasks are read-only.
const partnerUser = {
  ...testUser,
  role: "partner" as const,
  partner_id: "00000000-0000-4000-8000-0000000000aa",
  permissions: [
    "patients:read",
    "patients:write",
    "patients:read_identity",
    "cases:read",
    "cases:write",
    "activities:read",
    "activities:write",
    "tasks:read",
  ] satisfies typeof testUser.permissions,
};

describe("AppLayout", () => {
  it("should list tasks for a partner user", () => {
    renderWithProviders(<AppLayout />, { session: { user: partnerUser } });

    const nav = screen.getByRole("navigation", { name: "メインメニュー" });
    expect(within(nav).getByRole("link", { name: "タスク" })).toHaveAttribute("href", "/tasks");
    expect(within(nav).queryByRole("link", { name: "インポート" })).not.toBeInTheDocument();
  });

  it("should hide tasks without tasks:read", () => {
    const user = { ...partnerUser, permissions: partnerUser.permissions.filter((permission) => permission !== "tasks:read") };
    renderWithProviders(<AppLayout />, { session: { user } });

    const nav = screen.getByRole("navigation", { name: "メインメニュー" });
    expect(within(nav).queryByRole("link", { name: "タスク" })).not.toBeInTheDocument();
  });

  it("should keep the page closed until a required password change", async () => {
    const page = (
      <Routes>
        <Route element={<AppLayout />}>
          <Route path="*" element={<p>ページ本文</p>} />
        </Route>
      </Routes>
    );
    renderWithProviders(page, { session: { user: { ...testUser, must_change_password: true } } });

    expect(await screen.findByRole("dialog")).toBeInTheDocument();
    expect(screen.queryByText("ページ本文")).not.toBeInTheDocument();
  });

  it("should show the page after the password is set", () => {
    const page = (
      <Routes>
        <Route element={<AppLayout />}>
          <Route path="*" element={<p>ページ本文</p>} />
        </Route>
      </Routes>
    );
    renderWithProviders(page);

    expect(screen.getByText("ページ本文")).toBeInTheDocument();
  });
});
