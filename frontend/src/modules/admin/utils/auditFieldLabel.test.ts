import en from "@/locales/en.json";
import ja from "@/locales/ja.json";
import zhCN from "@/locales/zh-CN.json";
import { i18n } from "@/i18n/i18n";

import { auditFieldLabel } from "./auditFieldLabel";
import { auditFieldLabelKeys } from "./auditFieldLabelKeys";

const t = i18n.getFixedT("ja");

function lookup(catalog: object, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), catalog);
}

describe("auditFieldLabel", () => {
  it("should name fields in Japanese", () => {
    expect(auditFieldLabel("stage", t)).toBe("段階");
    expect(auditFieldLabel("allergies", t)).toBe("アレルギー");
    expect(auditFieldLabel("care_preferences", t)).toBe("配慮事項");
  });

  it("should translate the export headers of older events", () => {
    i18n.addResourceBundle("en", "translation", en);
    const english = i18n.getFixedT("en");

    expect(auditFieldLabel("パスポート番号", english)).toBe("Passport number");
    expect(auditFieldLabel("病歴概要", english)).toBe("Medical summary");
    expect(auditFieldLabel("アレルギー", english)).toBe("Allergies");
  });

  it("should keep an unknown field's name", () => {
    expect(auditFieldLabel("blood_type", t)).toBe("blood_type");
  });

  it("should point only at strings of every catalog", () => {
    const catalogs = { ja, en, "zh-CN": zhCN };
    const missing = Object.entries(catalogs).flatMap(([language, catalog]) =>
      Object.values(auditFieldLabelKeys)
        .filter((key) => typeof lookup(catalog, key) !== "string")
        .map((key) => `${language}:${key}`),
    );

    expect(missing).toEqual([]);
  });
});
