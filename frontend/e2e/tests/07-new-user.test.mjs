import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { launchBrowser, logIn, newContext, screenshot } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl } = fixtures();

describe("new staff account", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("should force a new password after the one-time one", async () => {
    const admin = await (await newContext(browser)).newPage();
    await logIn(admin, baseUrl, "admin@e2e.example.com");
    await admin.goto(`${baseUrl}/admin/users`);
    await admin.getByRole("button", { name: "ユーザーを追加" }).click();
    const dialog = admin.getByRole("dialog", { name: "ユーザーを追加" });
    await dialog.getByLabel("表示名").fill("通訳 一郎");
    await dialog.getByLabel("メールアドレス").fill("interpreter@e2e.example.com");
    await dialog.getByRole("button", { name: "保存" }).click();
    const initialPassword = (await admin.locator(".ant-alert-success code").innerText()).trim();
    assert.ok(initialPassword.length >= 12, "the one-time password is shown once");

    const page = await (await newContext(browser)).newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator("#email").fill("interpreter@e2e.example.com");
    await page.locator("#password").fill(initialPassword);
    await page.locator("button[type=submit]").click();
    const change = page.getByRole("dialog", { name: "パスワード変更" });
    await change.waitFor();
    await screenshot(page, "password-change-ja");

    await change.getByLabel("現在のパスワード").fill(initialPassword);
    await change.getByLabel("新しいパスワード", { exact: true }).fill("password12345");
    await change.getByLabel("新しいパスワード（確認）").fill("password12345");
    await change.getByRole("button", { name: "保存" }).click();
    await change.getByText("よく使われているパスワードです").or(change.getByText("推測されやすいパスワードです")).waitFor();

    const strong = "Kyoto-Ginkgo-Lantern-2026";
    await change.getByLabel("新しいパスワード", { exact: true }).fill(strong);
    await change.getByLabel("新しいパスワード（確認）").fill(strong);
    await change.getByRole("button", { name: "保存" }).click();
    await change.waitFor({ state: "hidden" });

    await page.context().clearCookies();
    await logIn(page, baseUrl, "interpreter@e2e.example.com", strong);
    await page.getByRole("heading", { level: 1, name: "ダッシュボード" }).waitFor();
    assert.equal(await page.getByRole("dialog", { name: "パスワード変更" }).count(), 0);
  });
});
