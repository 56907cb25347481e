import { screen, within } from "@testing-library/react";

import { renderWithProviders } from "@/test/renderWithProviders";

import { StageHistoryTable, type StageHistoryTableProps } from "./StageHistoryTable";

const changes: StageHistoryTableProps["changes"] = [
  {
    id: "00000000-0000-4000-8000-00000000000a",
    from_stage: null,
    to_stage: "inquiry_received",
    changed_by_id: null,
    changed_at: "2026-12-01T00:00:00Z",
    note: null,
    duration_seconds: 2 * 86_400 + 3 * 3_600,
  },
  {
    id: "00000000-0000-4000-8000-00000000000b",
    from_stage: "inquiry_received",
    to_stage: "records_received",
    changed_by_id: null,
    changed_at: "2026-12-03T03:00:00Z",
    note: null,
    duration_seconds: 5 * 3_600 + 20 * 60,
  },
];

describe("StageHistoryTable", () => {
  it("should show the stay in the first stage", () => {
    renderWithProviders(<StageHistoryTable changes={changes} userName={() => ""} />);

    const [, firstRow] = screen.getAllByRole("row");
    expect(within(firstRow!).getByText("2日 3時間")).toBeInTheDocument();
  });

  it("should mark the current stage's stay as ongoing", () => {
    renderWithProviders(<StageHistoryTable changes={changes} userName={() => ""} />);

    const lastRow = screen.getAllByRole("row").at(-1)!;
    expect(within(lastRow).getByText("5時間 20分（継続中）")).toBeInTheDocument();
  });
});
