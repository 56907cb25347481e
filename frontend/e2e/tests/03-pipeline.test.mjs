import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";

import { launchBrowser, logIn, newContext, screenshot, seriousAxeViolations } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl, cases } = fixtures();

function card(page, caseId) {
  return page.locator(`[data-case-id="${caseId}"]`);
}

function column(page, stage) {
  return page.locator(`section[data-stage="${stage}"]`);
}

describe("pipeline", () => {
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

  it("should show cases in their stage columns", async () => {
    await page.goto(`${baseUrl}/pipeline`);
    await card(page, cases.wang).waitFor();

    assert.equal(await column(page, "inquiry_received").locator(`[data-case-id="${cases.wang}"]`).count(), 1);
    assert.equal(await column(page, "records_received").locator(`[data-case-id="${cases.nguyen}"]`).count(), 1);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await screenshot(page, "pipeline-ja");
  });

  it("should move a case with the keyboard and keep it after reload", async () => {
    await page.goto(`${baseUrl}/pipeline`);
    const wang = card(page, cases.wang);
    await wang.waitFor();
    const handle = wang.getByRole("button");
    await handle.focus();
    await page.waitForFunction(() => document.activeElement?.classList.contains("kanban-handle"));
    // Wait for each step to show: dnd-kit measures the columns after the pick-up.
    await page.keyboard.press("Space");
    await page.locator(`.kanban-card.is-dragging[data-case-id="${cases.wang}"]`).waitFor();
    await page.keyboard.press("ArrowRight");
    await page.locator('section.is-over[data-stage="records_received"]').waitFor();
    await page.keyboard.press("Space");

    await column(page, "records_received").locator(`[data-case-id="${cases.wang}"]`).waitFor();
    const notice = page.locator(".ant-message-notice").last();
    await notice.waitFor();
    assert.match(await notice.innerText(), /「診療情報受領」に移動しました/);

    await page.reload();
    await column(page, "records_received").locator(`[data-case-id="${cases.wang}"]`).waitFor();
    assert.equal(await column(page, "inquiry_received").locator(`[data-case-id="${cases.wang}"]`).count(), 0);
  });

  it("should move a case with the mouse", async () => {
    await page.goto(`${baseUrl}/pipeline`);
    const source = card(page, cases.wang);
    await source.waitFor();
    const from = await source.boundingBox();
    const to = await column(page, "doctor_review").boundingBox();
    // Grab the card below its first line: the reference there is a link, which does not start a drag.
    await page.mouse.move(from.x + 20, from.y + from.height - 8);
    await page.mouse.down();
    await page.mouse.move(from.x + 40, from.y + from.height, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 60, { steps: 15 });
    await page.mouse.up();

    await column(page, "doctor_review").locator(`[data-case-id="${cases.wang}"]`).waitFor();
    await page.reload();
    await column(page, "doctor_review").locator(`[data-case-id="${cases.wang}"]`).waitFor();
  });

  it("should show the stage history on the case page", async () => {
    await page.goto(`${baseUrl}/cases/${cases.wang}`);
    await page.getByRole("heading", { name: new RegExp(cases.wangReference) }).waitFor();
    const history = page.locator(".ant-card").filter({ hasText: "段階の履歴" });
    await history.locator(".ant-table-row").nth(1).waitFor();

    assert.match(await history.innerText(), /医師確認（受入可否）/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await screenshot(page, "case-detail-ja");
  });

  it("should edit the planned arrival on the case page", async () => {
    await page.goto(`${baseUrl}/cases/${cases.nguyen}`);
    await page.getByRole("button", { name: "編集" }).click();
    const drawer = page.locator(".ant-drawer-content");
    await drawer.getByLabel("来日予定日").fill("2027/01/15");
    await drawer.getByLabel("来日予定日").press("Enter");
    await drawer.getByRole("button", { name: "保存" }).click();

    await page.getByText("保存しました").waitFor();
    const details = page.locator(".ant-card").filter({ hasText: "案件の詳細" });
    await details.getByText("2027/01/15").waitFor();
    await page.reload();
    await details.getByText("2027/01/15").waitFor();
  });

  it("should list cases in the table view", async () => {
    const listed = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/v1/cases");
    await page.goto(`${baseUrl}/pipeline?view=table`);
    const { total } = await (await listed).json();
    await page.locator(".ant-table-row").first().waitFor();

    // Earlier tests add cases of their own, so the three seeded cases are the fewest there can be.
    assert.ok(total >= 3, `the API lists ${total} cases`);
    assert.equal(await page.locator(".ant-table-row").count(), total);
    assert.equal(await page.locator(".ant-table-row").filter({ hasText: cases.wangReference }).count(), 1);
    await screenshot(page, "pipeline-table-ja");
  });

  it("should export the filtered cases as CSV", async () => {
    await page.goto(`${baseUrl}/pipeline?view=table&nationality=CN`);
    await page.locator(".ant-table-row").filter({ hasText: cases.wangReference }).waitFor();
    await page.getByRole("button", { name: "エクスポート" }).click();
    const choice = page.getByRole("menuitem", { name: "CSV（UTF-8）" });
    await choice.waitFor();
    await screenshot(page, "pipeline-export-ja");

    const downloading = page.waitForEvent("download");
    await choice.click();
    const download = await downloading;
    const text = await readFile(await download.path(), "utf8");

    assert.match(download.suggestedFilename(), /^cases.*\.csv$/);
    assert.ok(text.startsWith("\uFEFF"), "the CSV starts with a byte order mark for Excel");
    assert.match(text, new RegExp(cases.wangReference));
    assert.doesNotMatch(text, /Nguyễn/);
  });

  it("should show the lost reason and keep a lost case final", async () => {
    await page.goto(`${baseUrl}/cases/${cases.nguyen}`);
    await page.getByRole("combobox", { name: "移動先の段階を選択" }).click();
    await page.getByTitle("失注", { exact: true }).click();
    await page.getByRole("button", { name: "段階を変更" }).click();
    const dialog = page.getByRole("dialog", { name: "失注の理由を入力してください" });
    await dialog.getByLabel("失注の理由").fill("他院で治療を受けることになったため");
    await dialog.getByRole("button", { name: "失注にする" }).click();

    const timeline = page.locator(".ant-card").filter({ hasText: "活動履歴" });
    await timeline.getByText("失注の理由: 他院で治療を受けることになったため").waitFor();
    await page.getByRole("combobox", { name: "移動先の段階を選択" }).click();
    await page.locator(".ant-select-dropdown .ant-select-item-option").first().waitFor();
    const offered = await page.locator(".ant-select-dropdown .ant-select-item-option").evaluateAll((options) => options.map((option) => option.getAttribute("title")));
    assert.ok(offered.includes("問い合わせ受付"), `offered: ${offered.join(", ")}`);
    assert.ok(!offered.includes("完了"), `offered: ${offered.join(", ")}`);
    assert.ok(!offered.includes("キャンセル"), `offered: ${offered.join(", ")}`);
    await screenshot(page, "case-lost-timeline-ja");
    await page.keyboard.press("Escape");
  });

  it("should fit a tablet screen", async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    for (const [path, name] of [
      ["/", "dashboard-tablet-ja"],
      ["/patients", "patients-tablet-ja"],
      ["/pipeline", "pipeline-tablet-ja"],
    ]) {
      await page.goto(`${baseUrl}${path}`);
      await page.locator("main, .app-content").first().waitFor();
      await screenshot(page, name);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} scrolls sideways by ${overflow}px at 768px`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
