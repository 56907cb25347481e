import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { PASSWORD, launchBrowser, logIn, newContext, screenshot, seriousAxeViolations } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl, cases } = fixtures();

describe("ended session", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("should explain the login and keep typed work", async () => {
    const page = await (await newContext(browser)).newPage();
    await logIn(page, baseUrl, "coordinator@e2e.example.com");
    await page.goto(`${baseUrl}/cases/${cases.nguyen}`);
    await page.getByRole("heading", { level: 1, name: /^案件 / }).waitFor();
    const note = "PET-CTの予約候補日を患者にメールで送付";
    await page.getByLabel("内容", { exact: true }).fill(note);
    await page.getByLabel("タスク", { exact: true }).fill("検査前の問診票を翻訳");

    // The server ends the session, as it does after SESSION_IDLE_MINUTES without a request.
    // The access token stays in memory, so the next request finds the session over.
    const loggedOut = await page.evaluate(async () => {
      const response = await fetch("/api/v1/auth/logout", {
        method: "POST",
        credentials: "include",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ session_cookie: true }),
      });
      return response.status;
    });
    assert.equal(loggedOut, 204);

    await page.getByRole("button", { name: "記録する" }).click();
    await page.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("reason") === "session_expired");
    await page.getByRole("status").filter({ hasText: "セッションの有効期限が切れました。もう一度ログインしてください。" }).waitFor();
    assert.deepEqual(await seriousAxeViolations(page), []);
    await screenshot(page, "login-session-expired-ja");

    await page.locator("#email").fill("coordinator@e2e.example.com");
    await page.locator("#password").fill(PASSWORD);
    await page.locator("button[type=submit]").click();
    await page.waitForURL(`${baseUrl}/cases/${cases.nguyen}`);

    await page.getByText("保存していなかった入力内容を復元しました").waitFor();
    assert.equal(await page.getByLabel("内容", { exact: true }).inputValue(), note);
    assert.equal(await page.getByLabel("タスク", { exact: true }).inputValue(), "検査前の問診票を翻訳");

    await page.getByRole("button", { name: "記録する" }).click();
    await page.getByText("活動履歴に記録しました").waitFor();
    await page.locator(".ant-timeline").getByText(note).waitFor();

    // The saved note's draft is gone; the task, still unsaved, comes back after a reload.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: /^案件 / }).waitFor();
    assert.equal(await page.getByLabel("内容", { exact: true }).inputValue(), "");
    assert.equal(await page.getByLabel("タスク", { exact: true }).inputValue(), "検査前の問診票を翻訳");
  });
});
