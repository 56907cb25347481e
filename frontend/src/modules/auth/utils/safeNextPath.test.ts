import { safeNextPath } from "./safeNextPath";

describe("safeNextPath", () => {
  it("should keep in-app paths", () => {
    expect(safeNextPath("/patients/42?tab=cases")).toBe("/patients/42?tab=cases");
  });

  it("should reject other origins", () => {
    expect(safeNextPath("//evil.example/")).toBe("/");
    expect(safeNextPath("https://evil.example/")).toBe("/");
    expect(safeNextPath("/\\evil.example")).toBe("/");
  });

  it("should not loop back to login", () => {
    expect(safeNextPath("/login?next=/")).toBe("/");
    expect(safeNextPath(null)).toBe("/");
  });
});
