import { i18n } from "@/i18n/i18n";
import { loadLanguage } from "@/i18n/loadLanguage";

import { timeZoneLabel } from "./timeZoneLabel";

describe("timeZoneLabel", () => {
  it("should put the Japanese name before the id", () => {
    expect(timeZoneLabel("Asia/Shanghai", "ja", i18n.getFixedT("ja"))).toBe("中国標準時（Asia/Shanghai）");
  });

  it("should use English brackets in English", async () => {
    await loadLanguage("en");

    expect(timeZoneLabel("America/New_York", "en", i18n.getFixedT("en"))).toBe("Eastern Time (America/New_York)");
  });

  it("should show an unknown zone once", () => {
    expect(timeZoneLabel("Mars/Olympus_Mons", "ja", i18n.getFixedT("ja"))).toBe("Mars/Olympus_Mons");
  });
});
