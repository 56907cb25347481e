import { readFileSync } from "node:fs";
import { join } from "node:path";

import { listWorkbookSheets } from "./listWorkbookSheets";

// Written by openpyxl 3.1: a note sheet "メモ", then "患者一覧" and an empty "Sheet 3".
const coverSheetWorkbook = readFileSync(join(__dirname, "testdata/cover-sheet.xlsx"));

describe("listWorkbookSheets", () => {
  it("should list sheets in workbook order", async () => {
    const sheets = await listWorkbookSheets(new Blob([coverSheetWorkbook]));

    expect(sheets).toEqual(["メモ", "患者一覧", "Sheet 3"]);
  });

  it("should reject a file that is not a ZIP archive", async () => {
    const csv = new Blob(["氏名,フリガナ\r\n王 芳,ワン ファン\r\n"]);

    await expect(listWorkbookSheets(csv)).rejects.toThrow("Not a ZIP archive");
  });

  it("should reject a ZIP archive without a workbook", async () => {
    // An empty ZIP archive: only the 22-byte end of central directory record.
    const emptyZip = new Uint8Array(22);
    new DataView(emptyZip.buffer).setUint32(0, 0x06054b50, true);

    await expect(listWorkbookSheets(new Blob([emptyZip]))).rejects.toThrow("has no xl/workbook.xml");
  });
});
