import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { launchBrowser, logIn, newContext, screenshot, seriousAxeViolations } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl } = fixtures();

describe("login", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("should explain a wrong password in Japanese", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator("#email").fill("coordinator@e2e.example.com");
    await page.locator("#password").fill("not-the-password");
    await page.locator("button[type=submit]").click();

    await page.getByRole("alert").filter({ hasText: "メールアドレスまたはパスワードが正しくありません" }).waitFor();
    assert.deepEqual(await seriousAxeViolations(page), []);
    await screenshot(page, "login-error-ja");
    await context.close();
  });

  it("should log in and return to the requested page", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/patients`);
    await page.waitForURL(/\/login\?next=%2Fpatients/);
    await screenshot(page, "login-ja");
    await page.locator("#email").fill("coordinator@e2e.example.com");
    await page.locator("#password").fill("E2e-Correct-Horse-42");
    await page.locator("button[type=submit]").click();

    await page.waitForURL(`${baseUrl}/patients`);
    await page.getByRole("heading", { name: "患者" }).waitFor();
    await context.close();
  });

  it("should keep the session across a reload", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await logIn(page, baseUrl, "coordinator@e2e.example.com");
    await page.reload();

    await page.getByRole("heading", { name: "ダッシュボード" }).waitFor();
    assert.equal(new URL(page.url()).pathname, "/");
    await context.close();
  });
});
