import { i18n } from "@/i18n/i18n";
import { loadLanguage } from "@/i18n/loadLanguage";

import { formatDuration } from "./formatDuration";

describe("formatDuration", () => {
  const t = i18n.getFixedT("ja");

  it("should show days and hours", () => {
    expect(formatDuration(3 * 86400 + 4 * 3600 + 120, t)).toBe("3日 4時間");
  });

  it("should show hours and minutes under a day", () => {
    expect(formatDuration(2 * 3600 + 5 * 60, t)).toBe("2時間 5分");
  });

  it("should show minutes for short stays", () => {
    expect(formatDuration(59, t)).toBe("0分");
  });

  it("should return empty for missing values", () => {
    expect(formatDuration(null, t)).toBe("");
  });

  it("should pluralise in English", async () => {
    await loadLanguage("en");
    const en = i18n.getFixedT("en");
    expect(formatDuration(86400, en)).toBe("1 day");
    expect(formatDuration(2 * 86400 + 3600, en)).toBe("2 days 1 hour");
  });
});
