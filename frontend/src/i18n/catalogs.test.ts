import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import en from "@/locales/en.json";
import ja from "@/locales/ja.json";
import zhCN from "@/locales/zh-CN.json";

type Catalog = { [key: string]: string | Catalog };

function flatten(catalog: Catalog, prefix = ""): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalog)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") {
      entries.set(path, value);
    } else {
      flatten(value, path).forEach((text, nested) => entries.set(nested, text));
    }
  }
  return entries;
}

function placeholders(text: string): string[] {
  // A placeholder may name a format after a comma, as in "{{count, number}}".
  return [...text.matchAll(/\{\{\s*(\w+)\s*(?:,[^}]*)?\}\}/g)].map((match) => match[1] ?? "").sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      return sourceFiles(path);
    }
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const catalogs = { ja: flatten(ja), en: flatten(en), "zh-CN": flatten(zhCN) };

describe("locale catalogs", () => {
  it("should have the same keys in ja, en and zh-CN", () => {
    const jaKeys = [...catalogs.ja.keys()].sort();

    expect([...catalogs.en.keys()].sort()).toEqual(jaKeys);
    expect([...catalogs["zh-CN"].keys()].sort()).toEqual(jaKeys);
  });

  it("should have no empty translations", () => {
    for (const [language, entries] of Object.entries(catalogs)) {
      const empty = [...entries].filter(([, text]) => text.trim() === "").map(([key]) => `${language}:${key}`);
      expect(empty).toEqual([]);
    }
  });

  it("should use the same placeholders in every language", () => {
    const mismatched = [...catalogs.ja].flatMap(([key, text]) => {
      const expected = placeholders(text).join(",");
      return (["en", "zh-CN"] as const)
        .filter((language) => placeholders(catalogs[language].get(key) ?? "").join(",") !== expected)
        .map((language) => `${language}:${key}`);
    });

    expect(mismatched).toEqual([]);
  });

  it("should define every literal key used in the code", () => {
    const srcDir = join(__dirname, "..");
    const used = sourceFiles(srcDir).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\bt\(\s*["']([\w.-]+)["']/g)].map((match) => match[1] ?? ""),
    );
    // A plural key is used as "duration.days" and stored as "duration.days_other".
    const missing = [...new Set(used)].filter((key) => !catalogs.ja.has(key) && !catalogs.ja.has(`${key}_other`));

    expect(missing).toEqual([]);
  });
});
