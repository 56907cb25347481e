import { antdSortToParam } from "./antdSortToParam";
import { sortOrderFor } from "./sortOrderFor";

describe("sort parameter", () => {
  it("should prefix descending fields with a minus", () => {
    expect(antdSortToParam({ columnKey: "created_at", order: "descend" })).toBe("-created_at");
    expect(antdSortToParam({ columnKey: "name_latin", order: "ascend" })).toBe("name_latin");
  });

  it("should drop the sort when cleared", () => {
    expect(antdSortToParam({ columnKey: "name_latin", order: null })).toBeUndefined();
  });

  it("should map the parameter back to a column order", () => {
    expect(sortOrderFor("-created_at", "created_at")).toBe("descend");
    expect(sortOrderFor("created_at", "created_at")).toBe("ascend");
    expect(sortOrderFor("created_at", "name_latin")).toBeNull();
  });
});
