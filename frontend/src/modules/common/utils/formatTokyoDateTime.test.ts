import "@/app/setupDayjs";

import { formatDate } from "./formatDate";
import { formatTokyoDateTime } from "./formatTokyoDateTime";
import { formatZonedTime } from "./formatZonedTime";

describe("date formatting", () => {
  it("should show UTC instants in Tokyo time", () => {
    expect(formatTokyoDateTime("2026-12-04T09:30:00Z")).toBe("2026/12/04 18:30");
  });

  it("should cross midnight into the next Tokyo day", () => {
    expect(formatTokyoDateTime("2026-12-04T20:00:00Z")).toBe("2026/12/05 05:00");
  });

  it("should show the patient's local time", () => {
    expect(formatZonedTime("2026-12-04T09:30:00Z", "Asia/Shanghai")).toBe("2026/12/04 17:30");
  });

  it("should return empty for unknown zones", () => {
    expect(formatZonedTime("2026-12-04T09:30:00Z", "Mars/Olympus")).toBe("");
    expect(formatZonedTime("2026-12-04T09:30:00Z", null)).toBe("");
  });

  it("should format calendar dates with slashes", () => {
    expect(formatDate("1985-03-12")).toBe("1985/03/12");
    expect(formatDate(null)).toBe("");
  });
});
