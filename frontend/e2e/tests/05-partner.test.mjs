import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { launchBrowser, logIn, newContext, screenshot } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl, patients } = fixtures();

describe("partner users", () => {
  let browser;
  let page;
  before(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await logIn(page, baseUrl, "partner-a@e2e.example.com");
  });
  after(async () => {
    await browser?.close();
  });

  it("should see only their own referrals", async () => {
    await page.goto(`${baseUrl}/patients`);
    await page.locator(".ant-table-row").first().waitFor();
    const rows = await page.locator(".ant-table-row").allInnerTexts();

    assert.equal(rows.length, 1);
    assert.match(rows[0], /WANG XIAOMING/);
  });

  it("should open their own patient", async () => {
    await page.goto(`${baseUrl}/patients/${patients.wang}`);
    await page.getByRole("heading", { level: 1, name: "王 小明 (WANG XIAOMING)" }).waitFor();
  });

  it("should not open another partner's patient by URL", async () => {
    await page.goto(`${baseUrl}/patients/${patients.nguyen}`);
    await page.locator(".ant-result-404, .ant-result-403").waitFor();

    assert.equal(await page.getByText("NGUYEN VAN AN").count(), 0);
    await screenshot(page, "partner-forbidden-zh-CN");
  });

  it("should open the task list from the menu", async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByRole("navigation", { name: "主菜单" }).getByRole("link", { name: "任务" }).click();
    await page.getByRole("heading", { level: 1, name: "任务" }).waitFor();

    assert.equal(await page.locator(".ant-result-403").count(), 0);
  });

  it("should not open the admin pages", async () => {
    await page.goto(`${baseUrl}/admin/audit`);
    await page.locator(".ant-result-403").waitFor();
  });
});
