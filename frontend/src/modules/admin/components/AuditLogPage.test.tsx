import { screen } from "@testing-library/react";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";
import { stubListEndpoint } from "@/test/stubListEndpoint";

import { AuditLogPage } from "./AuditLogPage";

const EVENT = {
  sequence: 7,
  id: "e7",
  occurred_at: "2026-12-04T09:30:00Z",
  actor_id: null,
  actor_role: "coordinator",
  action: "reveal",
  entity_type: "patient",
  entity_id: "6f1c2f7e-1111-4d2a-9c3b-000000000001",
  fields: ["passport_number"],
  details: {},
  request_id: "r7",
  client_ip: "127.0.0.1",
  outcome: "success",
  row_hash: "0".repeat(64),
  target_label: "王 小明 (WANG XIAOMING)",
};

describe("AuditLogPage", () => {
  it("should name the patient an event is about", async () => {
    stubListEndpoint("/api/v1/audit-events", () => jsonResponse({ items: [EVENT], total: 1, page: 1, page_size: 50, total_exact: true }));

    renderWithProviders(<AuditLogPage />, { path: "/admin/audit" });

    const link = await screen.findByRole("link", { name: "王 小明 (WANG XIAOMING)" });
    expect(link).toHaveAttribute("href", `/patients/${EVENT.entity_id}`);
  });

  it("should name a user an event is about", async () => {
    const login = { ...EVENT, action: "login", entity_type: "user", fields: [], target_label: "調整 花子" };
    stubListEndpoint("/api/v1/audit-events", () => jsonResponse({ items: [login], total: 1, page: 1, page_size: 50, total_exact: true }));

    renderWithProviders(<AuditLogPage />, { path: "/admin/audit" });

    expect(await screen.findByTitle(EVENT.entity_id)).toHaveTextContent("調整 花子");
  });
});
