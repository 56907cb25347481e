import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { launchBrowser, logIn, newContext, screenshot, seriousAxeViolations } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl, cases } = fixtures();

describe("tasks", () => {
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

  it("should add a task on a case and finish it from my list", async () => {
    await page.goto(`${baseUrl}/cases/${cases.wang}`);
    const taskCard = page.locator(".ant-card").filter({ hasText: "タスク" }).first();
    await taskCard.getByLabel("タスク", { exact: true }).fill("診療情報提供書の翻訳を依頼");
    await taskCard.getByLabel("期限（東京時間）").fill("2030/01/15 10:00");
    await taskCard.getByLabel("期限（東京時間）").press("Enter");
    await taskCard.getByRole("button", { name: "追加" }).click();
    await page.getByText("タスクを追加しました").waitFor();

    const row = taskCard.locator(".ant-table-row").filter({ hasText: "診療情報提供書の翻訳を依頼" });
    await row.waitFor();
    // 10:00 in Tokyo is 09:00 in Shanghai, the patient's time zone.
    assert.match(await row.innerText(), /2030\/01\/15 10:00/);
    assert.match(await row.innerText(), /患者現地 2030\/01\/15 09:00/);

    await page.goto(`${baseUrl}/tasks`);
    const mine = page.locator(".ant-table-row").filter({ hasText: "診療情報提供書の翻訳を依頼" });
    await mine.waitFor();
    assert.deepEqual(await seriousAxeViolations(page), []);
    await screenshot(page, "tasks-mine-ja");
    await mine.getByRole("button", { name: "完了にする" }).click();
    await page.getByText("タスクを完了にしました").waitFor();
    await mine.waitFor({ state: "detached" });
  });
});
