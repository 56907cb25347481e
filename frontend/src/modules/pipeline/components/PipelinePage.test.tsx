import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders, testUser } from "@/test/renderWithProviders";
import { EMPTY_PAGE, stubListEndpoint } from "@/test/stubListEndpoint";

import { PipelinePage } from "./PipelinePage";

function caseIn(stage: string, index: number) {
  return {
    id: `00000000-0000-4000-a000-${String(index).padStart(12, "0")}`,
    reference: `2026-CASE${index}`,
    patient: { id: "p1", family_name: "王", given_name: "小明", name_latin: "WANG XIAOMING", nationality: "CN", time_zone: "Asia/Shanghai" },
    channel: "email",
    department_id: null,
    requested_treatment: null,
    stage,
    stage_changed_at: "2026-12-01T00:00:00Z",
    owner_id: null,
    referring_partner_id: null,
    priority: "normal",
    estimated_value: null,
    currency: null,
    planned_arrival_date: null,
    created_at: "2026-12-01T00:00:00Z",
  };
}

function column(stage: string) {
  const section = document.querySelector<HTMLElement>(`section[data-stage="${stage}"]`);
  if (!section) throw new Error(`No column for ${stage}`);
  return within(section);
}

describe("PipelinePage board", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should load each stage with its own total", async () => {
    const queries = stubListEndpoint("/api/v1/cases", (url) => {
      const stage = url.searchParams.get("stage");
      if (stage === "inquiry_received") {
        return jsonResponse({ ...EMPTY_PAGE, total: 1000, total_exact: false, items: [caseIn(stage, 1), caseIn(stage, 2)] });
      }
      if (stage === "closed") {
        return jsonResponse({ ...EMPTY_PAGE, total: 1, items: [caseIn(stage, 3)] });
      }
      return jsonResponse(EMPTY_PAGE);
    });
    renderWithProviders(<PipelinePage />, { path: "/pipeline?nationality=CN&page=4" });

    await screen.findByText("2026-CASE1");
    expect(queries).toHaveLength(12);
    expect(queries.every((query) => query.get("page_size") === "30" && query.get("nationality") === "CN")).toBe(true);
    expect(column("inquiry_received").getByLabelText("1,000件以上")).toHaveTextContent("1,000+");
    expect(column("inquiry_received").getByRole("link", { name: "残り998件以上を表で見る" })).toHaveAttribute(
      "href",
      "/pipeline?nationality=CN&view=table&stage=inquiry_received",
    );
    expect(column("closed").getByLabelText("全1件")).toHaveTextContent("1");
    expect(column("closed").queryByRole("link", { name: /表で見る/ })).toBeNull();
  });

  it("should say when no stage has a case", async () => {
    stubListEndpoint("/api/v1/cases", () => jsonResponse(EMPTY_PAGE));
    renderWithProviders(<PipelinePage />, { path: "/pipeline?q=nobody" });

    expect(await screen.findByText("条件に合う案件はありません")).toBeInTheDocument();
  });

  it("should show the error of any stage with a retry button", async () => {
    stubListEndpoint("/api/v1/cases", (url) =>
      url.searchParams.get("stage") === "lost"
        ? jsonResponse({ error: { code: "internal_error", message: "boom" }, request_id: "req-5" }, 500)
        : jsonResponse(EMPTY_PAGE),
    );
    renderWithProviders(<PipelinePage />, { path: "/pipeline" });

    expect(await screen.findByText(/リクエストID: req-5/, {}, { timeout: 5000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "再読み込み" })).toBeInTheDocument());
  });
});

describe("PipelinePage export", () => {
  const { createObjectURL, revokeObjectURL } = URL;

  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => "blob:cases");
    URL.revokeObjectURL = vi.fn();
  });

  afterEach(() => {
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
    vi.unstubAllGlobals();
  });

  const csvResponse = () => new Response("\uFEFF案件番号\r\n", { headers: { "Content-Type": "text/csv" } });

  it("should export the table view with its filters and sort", async () => {
    const exports = stubListEndpoint("/api/v1/exports/cases", csvResponse);
    renderWithProviders(<PipelinePage />, { path: "/pipeline?view=table&stage=doctor_review&nationality=CN&priority=high&sort=reference&page=2" });

    await userEvent.click(await screen.findByRole("button", { name: /エクスポート/ }));
    await userEvent.click(await screen.findByText("CSV（Shift_JIS・古いExcel向け）"));

    await waitFor(() => expect(exports).toHaveLength(1));
    const query = exports[0];
    expect(query?.get("format")).toBe("csv");
    expect(query?.get("encoding")).toBe("cp932");
    expect(query?.getAll("stage")).toEqual(["doctor_review"]);
    expect(query?.get("nationality")).toBe("CN");
    expect(query?.get("priority")).toBe("high");
    expect(query?.get("sort")).toBe("reference");
    expect(query?.has("page")).toBe(false);
    expect(query?.has("page_size")).toBe(false);
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalledTimes(1));
  });

  it("should export every stage from the board", async () => {
    const exports = stubListEndpoint("/api/v1/exports/cases", csvResponse);
    renderWithProviders(<PipelinePage />, { path: "/pipeline?q=王&stage=doctor_review" });

    await userEvent.click(await screen.findByRole("button", { name: /エクスポート/ }));
    await userEvent.click(await screen.findByText("Excel（.xlsx）"));

    await waitFor(() => expect(exports).toHaveLength(1));
    const query = exports[0];
    expect(query?.get("format")).toBe("xlsx");
    expect(query?.get("encoding")).toBe("utf-8-sig");
    expect(query?.get("q")).toBe("王");
    expect(query?.has("stage")).toBe(false);
    expect(query?.get("sort")).toBe("-stage_changed_at");
  });

  it("should hide export without the permission", async () => {
    stubListEndpoint("/api/v1/cases", () => jsonResponse(EMPTY_PAGE));
    const user = { ...testUser, permissions: testUser.permissions.filter((permission) => permission !== "data:export") };
    renderWithProviders(<PipelinePage />, { path: "/pipeline", session: { user } });

    expect(await screen.findByText("条件に合う案件はありません")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /エクスポート/ })).toBeNull();
  });
});
