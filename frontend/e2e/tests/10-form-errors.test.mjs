import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { launchBrowser, logIn, newContext, PASSWORD, screenshot } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl } = fixtures();

describe("form errors", () => {
  let browser;
  let page;
  before(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser)).newPage();
    await logIn(page, baseUrl, "coordinator@e2e.example.com");
  });
  after(async () => {
    await browser?.close();
  });

  it("should say the current password is wrong", async () => {
    await page.getByRole("button", { name: "パスワード変更" }).click();
    const dialog = page.getByRole("dialog", { name: "パスワード変更" });
    await dialog.getByLabel("現在のパスワード").fill(`${PASSWORD}-wrong`);
    await dialog.getByLabel("新しいパスワード", { exact: true }).fill("Kyoto-Ginkgo-Lantern-2031");
    await dialog.getByLabel("新しいパスワード（確認）").fill("Kyoto-Ginkgo-Lantern-2031");
    await dialog.getByRole("button", { name: "保存" }).click();

    await dialog.getByText("現在のパスワードが正しくありません").waitFor();
    await screenshot(page, "form-errors-current-password-ja");
    await dialog.getByRole("button", { name: "キャンセル" }).click();
  });

  it("should keep Enter in the birth date from sending the form", async () => {
    const posts = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && new URL(request.url()).pathname === "/api/v1/patients") posts.push(request);
    });
    await page.goto(`${baseUrl}/patients/new`);
    await page.getByLabel("姓", { exact: true }).fill("テスト");
    const birthDate = page.getByLabel("生年月日");
    await birthDate.click();
    await birthDate.fill("2030/01/01");
    await birthDate.press("Enter");

    // A future date is disabled in the calendar, so the typed one is not taken either.
    const future = page.locator(".ant-picker-dropdown:visible td[title='2030-01-01']");
    assert.equal(await future.getAttribute("class").then((names) => names.includes("ant-picker-cell-disabled")), true);
    // Leaving the field drops the text that is not an allowed date.
    await page.getByRole("heading", { name: "患者を登録" }).click();
    await page.waitForFunction(() => document.querySelector("#date_of_birth")?.value === "");
    assert.equal(posts.length, 0);
  });

  it("should translate the API's birth date error", async () => {
    // The picker no longer offers a future date, so the test fakes the API's reply to one.
    await page.route("**/api/v1/patients", (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      const message = "The date of birth must be between 1900 and today.";
      const fields = [{ path: ["body", "date_of_birth"], code: "date_of_birth_out_of_range", message }];
      return route.fulfill({ status: 422, contentType: "application/json", body: JSON.stringify({ error: { code: "validation_failed", message: "Some values are invalid.", fields }, request_id: "e2e" }) });
    });
    await page.goto(`${baseUrl}/patients/new`);
    await page.getByLabel("姓", { exact: true }).fill("テスト");
    await page.getByLabel("生年月日").fill("1985/03/12");
    await page.getByLabel("生年月日").press("Enter");
    await page.getByRole("button", { name: "登録する" }).click();

    await page.getByText("生年月日には今日以前の日付を入力してください（1900年1月1日以降）").waitFor();
    await screenshot(page, "form-errors-birth-date-ja");
    await page.unroute("**/api/v1/patients");
  });
});
