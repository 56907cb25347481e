import { screen, within } from "@testing-library/react";

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
    "cases:move_stage",
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
});
