import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { launchBrowser, logIn, newContext, screenshot, seriousAxeViolations } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl, cases, patients } = fixtures();

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
    assert.equal(await mine.getByRole("link", { name: "王 小明 (WANG XIAOMING)" }).getAttribute("href"), `/patients/${patients.wang}`);
    assert.equal(await mine.getByRole("link", { name: cases.wangReference }).getAttribute("href"), `/cases/${cases.wang}`);
    await screenshot(page, "tasks-mine-ja");

    // On a tablet the columns scroll sideways, but the button to finish a task stays in view.
    await page.setViewportSize({ width: 768, height: 1024 });
    const button = mine.getByRole("button", { name: "完了にする" });
    const box = await button.boundingBox();
    assert.ok(box, "完了にする is not rendered at 768px");
    assert.ok(box.x >= 0, `完了にする starts left of the viewport at x=${box.x}`);
    assert.ok(box.x + box.width <= 768, `完了にする ends right of the viewport at x=${box.x + box.width}`);
    await screenshot(page, "tasks-mine-tablet-ja");
    await page.setViewportSize({ width: 1280, height: 800 });
    await mine.getByRole("button", { name: "完了にする" }).click();
    await page.getByText("タスクを完了にしました").waitFor();
    await mine.waitFor({ state: "detached" });
  });
});
