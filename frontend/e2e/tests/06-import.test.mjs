import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";

import { launchBrowser, logIn, newContext, screenshot, seriousAxeViolations } from "../lib/browser.mjs";
import { fixtures } from "../lib/fixtures.mjs";

const { baseUrl } = fixtures();
const backendDir = resolve(dirname(fileURLToPath(import.meta.url)), "../../../backend");

// A sheet as Excel on Japanese Windows saves it: Shift_JIS (code page 932), CRLF, a Japanese
// era date, and one row whose date cannot be read.
const SHEET = [
  "氏名,フリガナ,国籍,生年月日,電話番号,備考",
  "李 明,リ ミン,中国,1980/04/01,+86 139 1111 2222,紹介状あり",
  "陳 美玲,チン メイリン,台湾,1992/12/24,+886 912 345 678,",
  "佐藤 健,サトウ ケン,日本,平成2年3月4日,090-1234-5678,",
  "髙橋 誤,タカハシ アヤマリ,中国,1990/13/45,,日付誤り",
].join("\r\n");

function writeCp932Sheet() {
  const path = join(mkdtempSync(join(tmpdir(), "hospital-crm-import-")), "患者一覧.csv");
  // Node has no Shift_JIS encoder; Python's cp932 codec is the one Windows uses.
  execFileSync("python3", ["-c", "import sys; open(sys.argv[1], 'wb').write(sys.stdin.read().encode('cp932'))", path], { input: SHEET });
  return path;
}

// A workbook as partner agencies send them: a cover note on the first sheet, which the
// server cannot read as a patient list, then last month's referrals and this month's.
const WORKBOOK_SCRIPT = `
import sys
from openpyxl import Workbook
book = Workbook()
book.active.title = "メモ"
book.active.append(["3月分の紹介患者です"])
february = book.create_sheet("2月分")
february.append(["氏名", "フリガナ"])
february.append(["張 偉", "チャン ウェイ"])
sheet = book.create_sheet("3月分")
sheet.append(["氏名", "フリガナ", "国籍", "生年月日"])
sheet.append(["王 芳", "ワン ファン", "中国", "1985/06/15"])
sheet.append(["Nguyễn Thị Lan", "グエン ティ ラン", "ベトナム", "1979/02/03"])
book.save(sys.argv[1])
`;

function writeWorkbook() {
  const path = join(mkdtempSync(join(tmpdir(), "hospital-crm-import-")), "紹介患者.xlsx");
  // The backend's virtualenv has openpyxl, which reads the sheets on the server too.
  execFileSync(join(backendDir, ".venv/bin/python"), ["-c", WORKBOOK_SCRIPT, path]);
  return path;
}

describe("import wizard", () => {
  let browser;
  let page;
  before(async () => {
    browser = await launchBrowser();
    page = await (await newContext(browser, { acceptDownloads: true })).newPage();
    await logIn(page, baseUrl, "coordinator@e2e.example.com");
  });
  after(async () => {
    await browser?.close();
  });

  it("should import a CP932 sheet and explain the rejected row", async () => {
    await page.goto(`${baseUrl}/imports`);
    await page.getByRole("heading", { level: 1, name: "インポート" }).waitFor();
    await page.locator("input[type=file]").setInputFiles(writeCp932Sheet());
    await page.getByRole("button", { name: "アップロード" }).click();

    await page.getByText("「患者一覧.csv」（4行）").waitFor();
    assert.match(await page.locator(".ant-table").innerText(), /フリガナ/);
    assert.deepEqual(await seriousAxeViolations(page), []);
    await screenshot(page, "import-mapping-ja");
    await page.getByRole("button", { name: "事前確認へ進む" }).click();

    await page.getByText("まだ何も登録していません").waitFor().catch(async (error) => {
      await screenshot(page, "import-preview-failure");
      throw error;
    });
    const rejected = page.locator(".ant-table-row").filter({ hasText: "不備あり" });
    await rejected.first().waitFor();
    assert.equal(await rejected.count(), 1);
    assert.match(await rejected.innerText(), /1990\/13\/45/);
    // A preview creates nothing, so its counts read as planned.
    await page.getByText("作成予定の案件").waitFor();
    assert.equal(await page.getByText("作成した案件").count(), 0);
    await screenshot(page, "import-preview-ja");
    await page.getByRole("button", { name: "取り込みを実行" }).click();

    await page.getByText("取り込みが完了しました").waitFor({ timeout: 60_000 });
    await screenshot(page, "import-done-ja");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "取り込めなかった行をダウンロード" }).click()]);
    const rejectedCsv = readFileSync(await download.path(), "utf8");
    assert.match(rejectedCsv, /髙橋 誤/);

    await page.goto(`${baseUrl}/patients?q=${encodeURIComponent("チン メイリン")}`);
    await page.locator(".ant-table-row").filter({ hasText: "陳 美玲" }).waitFor();
  });

  async function chooseSheet(name) {
    await page.locator(".ant-select").filter({ has: page.getByRole("combobox", { name: "シート" }) }).click();
    await page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option").filter({ hasText: name }).click();
  }

  it("should import the sheet picked from a workbook", async () => {
    await page.goto(`${baseUrl}/imports`);
    await page.locator("input[type=file]").setInputFiles(writeWorkbook());
    await page.getByRole("button", { name: "アップロード" }).click();

    await page.getByText("1枚目のシート「メモ」を患者の一覧として読み取れませんでした。取り込むシートを選んでください。").waitFor();
    await screenshot(page, "import-sheet-unreadable-ja");
    await chooseSheet("2月分");
    await page.getByText("このファイルには3枚のシートがあります。取り込むシートを選んでください。").waitFor();
    await page.getByText("「紹介患者.xlsx」（1行）").waitFor();
    // Before the dropdown first opens: Ant Design leaves its closed option list in the page,
    // with aria-selected on elements that axe does not accept it on.
    assert.deepEqual(await seriousAxeViolations(page), []);
    await screenshot(page, "import-sheet-ja");
    await chooseSheet("3月分");
    await page.getByText("「紹介患者.xlsx」（2行）").waitFor();
    assert.match(await page.locator(".ant-table").innerText(), /生年月日/);

    await page.getByRole("button", { name: "事前確認へ進む" }).click();
    await page.getByText("まだ何も登録していません").waitFor();
    await page.getByRole("button", { name: "取り込みを実行" }).click();
    await page.getByText("取り込みが完了しました").waitFor({ timeout: 60_000 });

    await page.getByRole("button", { name: "別のファイルを取り込む" }).click();
    const recent = page.locator(".ant-table-row").filter({ hasText: "紹介患者.xlsx" }).first();
    await recent.waitFor();
    assert.match(await recent.innerText(), /完了/);
    await page.goto(`${baseUrl}/patients?q=${encodeURIComponent("ワン ファン")}`);
    await page.locator(".ant-table-row").filter({ hasText: "王 芳" }).waitFor();
  });
});
