import { screen } from "@testing-library/react";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";

import { BatchCounts } from "./BatchCounts";
import { ImportRowsTable } from "./ImportRowsTable";

const SKIPPED_ROW = {
  row_number: 7,
  outcome: "skipped",
  patient_id: "p7",
  patient_name: { family_name: "王", given_name: "小明", name_latin: "WANG XIAOMING" },
  duplicate_reasons: ["passport"],
  errors: [],
  cells: ["王", "小明"],
};
const COUNTS = { created_count: 3, updated_count: 1, skipped_count: 2, rejected_count: 4, cases_created_count: 3 };

function stubRows(rows: object[]) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
      return url.pathname === "/api/v1/imports/batches/b1/rows" ? jsonResponse({ items: rows, total: rows.length, page: 1, page_size: 50 }) : jsonResponse([]);
    }),
  );
}

describe("ImportRowsTable", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should link a skipped row to the matched patient", async () => {
    stubRows([SKIPPED_ROW]);
    renderWithProviders(<ImportRowsTable batchId="b1" enabled imported />);

    const link = await screen.findByRole("link", { name: "王 小明 (WANG XIAOMING)" });
    expect(link).toHaveAttribute("href", "/patients/p7");
    expect(screen.getByText("重複のため未取込", { selector: ".ant-tag" })).toBeInTheDocument();
  });

  it("should word a preview's outcomes as planned", async () => {
    stubRows([SKIPPED_ROW]);
    renderWithProviders(<ImportRowsTable batchId="b1" enabled imported={false} />);

    expect(await screen.findByText("重複のため取り込まない", { selector: ".ant-tag" })).toBeInTheDocument();
    expect(screen.getByText("新規登録予定", { selector: ".ant-segmented-item-label" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "王 小明 (WANG XIAOMING)" })).toHaveAttribute("href", "/patients/p7");
  });
});

describe("BatchCounts", () => {
  it("should word a preview's counts as planned", () => {
    renderWithProviders(<BatchCounts batch={COUNTS} preview />);

    expect(screen.getByText("作成予定の案件")).toBeInTheDocument();
    expect(screen.getByText("新規登録予定")).toBeInTheDocument();
    expect(screen.queryByText("作成した案件")).not.toBeInTheDocument();
  });

  it("should word an import's counts as done", () => {
    renderWithProviders(<BatchCounts batch={COUNTS} />);

    expect(screen.getByText("作成した案件")).toBeInTheDocument();
    expect(screen.getByText("不備あり")).toBeInTheDocument();
  });
});
