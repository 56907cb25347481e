import { screen, within } from "@testing-library/react";

import { renderWithProviders } from "@/test/renderWithProviders";

import { SideNav, type SideNavGroup } from "./SideNav";

const groups: SideNavGroup[] = [
  {
    items: [
      { path: "/", icon: null, label: "ダッシュボード" },
      { path: "/patients", icon: null, label: "患者" },
    ],
  },
  { title: "管理", items: [{ path: "/admin/users", icon: null, label: "ユーザー管理" }] },
];

describe("SideNav", () => {
  it("should mark only the selected link as the current page", () => {
    renderWithProviders(<SideNav label="メインメニュー" groups={groups} selectedPath="/patients" collapsed={false} />);

    const nav = screen.getByRole("navigation", { name: "メインメニュー" });
    expect(within(nav).getByRole("link", { name: "患者" })).toHaveAttribute("aria-current", "page");
    expect(within(nav).getByRole("link", { name: "ダッシュボード" })).not.toHaveAttribute("aria-current");
    expect(within(nav).getByRole("link", { name: "ユーザー管理" })).toHaveAttribute("href", "/admin/users");
  });

  it("should name a titled group's list by its title", () => {
    renderWithProviders(<SideNav label="メインメニュー" groups={groups} selectedPath="/" collapsed={false} />);

    const adminList = screen.getByRole("list", { name: "管理" });
    expect(within(adminList).getAllByRole("link")).toHaveLength(1);
  });

  it("should keep link names and add tooltips when collapsed", () => {
    renderWithProviders(<SideNav label="メインメニュー" groups={groups} selectedPath="/" collapsed />);

    const link = screen.getByRole("link", { name: "患者" });
    expect(link).toHaveAttribute("title", "患者");
    expect(screen.getByRole("navigation")).toHaveClass("is-collapsed");
  });
});
