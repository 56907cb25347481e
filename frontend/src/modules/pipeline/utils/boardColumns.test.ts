import { caseStages } from "@/modules/cases/utils/caseStages";

import { boardColumns, type StagePage } from "./boardColumns";

type Item = { id: string; stage: string };

/** Build the per-stage pages in board order from a map of stage to page. */
function pagesOf(byStage: Record<string, StagePage<Item>>) {
  return caseStages.map((stage) => byStage[stage]);
}

describe("boardColumns", () => {
  it("should give each stage its own cards and total", () => {
    const columns = boardColumns(
      pagesOf({
        inquiry_received: { items: [{ id: "a", stage: "inquiry_received" }], total: 1000, total_exact: false },
        records_received: { items: [{ id: "b", stage: "records_received" }], total: 1 },
      }),
    );

    expect(columns).toHaveLength(caseStages.length);
    expect(columns[0]).toEqual({ stage: "inquiry_received", items: [{ id: "a", stage: "inquiry_received" }], total: 1000, totalExact: false });
    expect(columns[1]).toEqual({ stage: "records_received", items: [{ id: "b", stage: "records_received" }], total: 1, totalExact: true });
    expect(columns[2]).toEqual({ stage: "doctor_review", items: [], total: 0, totalExact: true });
  });

  it("should count a moved case in its new column", () => {
    const columns = boardColumns(
      pagesOf({
        inquiry_received: {
          items: [
            { id: "a", stage: "doctor_review" },
            { id: "c", stage: "inquiry_received" },
          ],
          total: 40,
        },
        doctor_review: { items: [{ id: "b", stage: "doctor_review" }], total: 7 },
      }),
    );

    expect(columns[0]?.items.map((item) => item.id)).toEqual(["c"]);
    expect(columns[0]?.total).toBe(39);
    expect(columns[2]?.items.map((item) => item.id)).toEqual(["a", "b"]);
    expect(columns[2]?.total).toBe(8);
  });

  it("should show a case fetched twice once", () => {
    // After a move the target stage may be fetched again before the source stage is.
    const columns = boardColumns(
      pagesOf({
        inquiry_received: { items: [{ id: "a", stage: "records_received" }], total: 1 },
        records_received: { items: [{ id: "a", stage: "records_received" }], total: 1 },
      }),
    );

    expect(columns[1]?.items).toEqual([{ id: "a", stage: "records_received" }]);
    expect(columns.flatMap((column) => column.items)).toHaveLength(1);
    expect(columns[0]?.total).toBe(0);
    expect(columns[1]?.total).toBe(1);
  });
});
