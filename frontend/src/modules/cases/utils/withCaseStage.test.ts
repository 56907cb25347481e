import { withCaseStage } from "./withCaseStage";

describe("withCaseStage", () => {
  const page = {
    items: [
      { id: "a", stage: "inquiry_received" },
      { id: "b", stage: "quote_sent" },
    ],
    total: 2,
  };

  it("should move only the named case", () => {
    const moved = withCaseStage(page, "a", "records_received");

    expect(moved?.items[0]?.stage).toBe("records_received");
    expect(moved?.items[1]?.stage).toBe("quote_sent");
  });

  it("should not mutate the cached page", () => {
    withCaseStage(page, "a", "records_received");

    expect(page.items[0]?.stage).toBe("inquiry_received");
  });

  it("should return other pages unchanged", () => {
    expect(withCaseStage(page, "zzz", "closed")).toBe(page);
    expect(withCaseStage(undefined, "a", "closed")).toBeUndefined();
  });
});
