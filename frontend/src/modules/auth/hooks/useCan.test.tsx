import { screen } from "@testing-library/react";

import { renderWithProviders, testUser } from "@/test/renderWithProviders";

import type { Permission } from "../utils/Permission";
import { useCan } from "./useCan";

function PermissionProbe({ permission }: { permission: Permission }) {
  const can = useCan();
  return <span>{can(permission) ? "allowed" : "denied"}</span>;
}

describe("useCan", () => {
  it("should allow a permission the API listed", () => {
    renderWithProviders(<PermissionProbe permission="data:import" />);

    expect(screen.getByText("allowed")).toBeInTheDocument();
  });

  it("should deny a permission the API did not list", () => {
    renderWithProviders(<PermissionProbe permission="users:manage" />);

    expect(screen.getByText("denied")).toBeInTheDocument();
  });

  it("should read the permissions, not the role", () => {
    const adminWithFewPermissions = { ...testUser, role: "admin" as const, permissions: ["patients:read" as const] };
    renderWithProviders(<PermissionProbe permission="audit:read" />, { session: { user: adminWithFewPermissions } });

    expect(screen.getByText("denied")).toBeInTheDocument();
  });

  it("should deny everything without a user", () => {
    renderWithProviders(<PermissionProbe permission="patients:read" />, { session: { status: "anonymous", user: null } });

    expect(screen.getByText("denied")).toBeInTheDocument();
  });
});
