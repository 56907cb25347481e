import { listOfAll } from "./listOfAll";

describe("listOfAll", () => {
  it("should return the list unchanged", () => {
    const values = listOfAll<"a" | "b">()(["a", "b"] as const);

    expect(values).toEqual(["a", "b"]);
  });

  it("should reject an incomplete list at compile time", () => {
    // @ts-expect-error "b" is missing, so tsc must reject this call.
    const values = listOfAll<"a" | "b">()(["a"] as const);

    expect(values).toEqual(["a"]);
  });
});
