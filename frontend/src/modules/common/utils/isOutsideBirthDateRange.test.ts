import dayjs from "dayjs";

import { isOutsideBirthDateRange } from "./isOutsideBirthDateRange";

describe("isOutsideBirthDateRange", () => {
  it("should disable future dates", () => {
    expect(isOutsideBirthDateRange(dayjs().add(1, "day"))).toBe(true);
    expect(isOutsideBirthDateRange(dayjs("2030-01-01"))).toBe(true);
  });

  it("should keep today and the past", () => {
    expect(isOutsideBirthDateRange(dayjs())).toBe(false);
    expect(isOutsideBirthDateRange(dayjs("1985-03-12"))).toBe(false);
    expect(isOutsideBirthDateRange(dayjs("1900-01-01"))).toBe(false);
  });

  it("should disable dates before 1900", () => {
    expect(isOutsideBirthDateRange(dayjs("1899-12-31"))).toBe(true);
  });
});
