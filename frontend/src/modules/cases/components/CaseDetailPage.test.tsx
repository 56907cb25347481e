import { screen } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders, testUser } from "@/test/renderWithProviders";

import { CaseDetailPage } from "./CaseDetailPage";

const CASE = {
  id: "c1",
  reference: "2026-ABC123",
  patient: { id: "p1", family_name: "王", given_name: "芳", name_latin: "WANG FANG", nationality: "CN", time_zone: "Asia/Shanghai" },
  channel: "partner",
  department_id: null,
  requested_treatment: "人間ドック",
  stage: "inquiry_received",
  stage_changed_at: "2026-12-01T00:00:00Z",
  owner_id: null,
  referring_partner_id: null,
  guarantor_organization_id: null,
  priority: "normal",
  estimated_value: null,
  currency: null,
  planned_arrival_date: null,
  planned_departure_date: null,
  desired_date_from: null,
  desired_date_to: null,
  received_on: null,
  lost_reason: null,
  created_at: "2026-12-01T00:00:00Z",
  updated_at: "2026-12-01T00:00:00Z",
};

function renderCase(permissions: string[]) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const { pathname } = new URL(request.url);
      if (pathname === "/api/v1/cases/c1") return jsonResponse(CASE);
      if (pathname.endsWith("/stage-history") || pathname === "/api/v1/departments") return jsonResponse([]);
      return jsonResponse({ items: [], total: 0, page: 1, page_size: 50, total_exact: true });
    }),
  );
  renderWithProviders(
    <Routes>
      <Route path="/cases/:caseId" element={<CaseDetailPage />} />
    </Routes>,
    { path: "/cases/c1", session: { user: { ...testUser, permissions: permissions as typeof testUser.permissions } } },
  );
}

describe("CaseDetailPage", () => {
  it("should offer stage moves to hospital staff", async () => {
    renderCase(testUser.permissions);

    expect(await screen.findByRole("button", { name: /「診療情報受領」へ進める/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /編集/ })).toBeInTheDocument();
  });

  it("should not offer stage moves to a partner", async () => {
    renderCase(["patients:read", "patients:write", "cases:read", "cases:write", "activities:read", "activities:write", "tasks:read"]);

    expect(await screen.findByRole("button", { name: /編集/ })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /へ進める/ })).not.toBeInTheDocument();
    expect(screen.queryByRole("combobox", { name: "移動先の段階を選択" })).not.toBeInTheDocument();
  });
});
