import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { chooseLanguage, launchBrowser, logIn, newContext, screenshot, seriousAxeViolations } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl, patients, cases } = fixtures();

// Main pages with a heading that proves the page rendered, per language.
const PAGES = [
  ["/", "dashboard", "ダッシュボード", "Dashboard"],
  ["/patients", "patients", "患者", "Patients"],
  [`/patients/${patients.nguyen}`, "patient-detail", "Nguyễn Văn An (NGUYEN VAN AN)", "Nguyễn Văn An (NGUYEN VAN AN)"],
  ["/pipeline", "pipeline", "パイプライン", "Pipeline"],
  [`/cases/${cases.nguyen}`, "case-detail", /^案件 /, /^Case /],
  ["/tasks", "tasks", "タスク", "Tasks"],
  ["/admin/users", "admin-users", "ユーザー管理", "Users"],
  ["/admin/partners", "admin-partners", "提携先", "Partners"],
  ["/admin/departments", "admin-departments", "診療科", "Departments"],
  ["/admin/audit", "admin-audit", "監査ログ", "Audit log"],
];

describe("languages", () => {
  let browser;
  let page;
  before(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await logIn(page, baseUrl, "admin@e2e.example.com");
  });
  after(async () => {
    await browser?.close();
  });

  it("should render every main page in Japanese", async () => {
    for (const [path, name, heading] of PAGES) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${path}`);
      await screenshot(page, `${name}-ja`);
    }
  });

  it("should switch to English and keep it after reload", async () => {
    await page.goto(`${baseUrl}/`);
    await chooseLanguage(page, "表示言語", "English");
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();

    await page.reload();
    await page.getByRole("heading", { level: 1, name: "Dashboard" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  });

  it("should render every main page in English", async () => {
    for (const [path, name, , heading] of PAGES) {
      await page.goto(`${baseUrl}${path}`);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
      assert.deepEqual(await seriousAxeViolations(page), [], `axe on ${path}`);
      await screenshot(page, `${name}-en`);
    }
  });

  it("should write separators and time zones the English way", async () => {
    await page.goto(`${baseUrl}/patients/${patients.nguyen}`);
    await page.getByRole("heading", { level: 1, name: "Nguyễn Văn An (NGUYEN VAN AN)" }).waitFor();

    const content = await page.locator(".app-content").innerText();
    assert.match(content, /Vietnam · 1985\/03\/12/);
    assert.match(content, /Indochina Time \(Asia\/Ho_Chi_Minh\)/);
    assert.doesNotMatch(content, /・/);
  });

  it("should switch to Simplified Chinese", async () => {
    await page.goto(`${baseUrl}/`);
    await chooseLanguage(page, "Display language", "简体中文");
    await page.getByRole("heading", { level: 1, name: "仪表板" }).waitFor();
    await screenshot(page, "dashboard-zh-CN");

    await chooseLanguage(page, "界面语言", "日本語");
    await page.getByRole("heading", { level: 1, name: "ダッシュボード" }).waitFor();
  });
});
