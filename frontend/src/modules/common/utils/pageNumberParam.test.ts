import { pageNumberParam } from "./pageNumberParam";

describe("pageNumberParam", () => {
  it("should read a valid page number", () => {
    expect(pageNumberParam(new URLSearchParams("page=3"))).toBe(3);
  });

  it.each(["", "page=", "page=0", "page=-2", "page=1.5", "page=abc"])("should fall back to page 1 for %j", (query) => {
    expect(pageNumberParam(new URLSearchParams(query))).toBe(1);
  });
});
