import { readFileSync } from "node:fs";
import { join } from "node:path";

import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { clickable } from "@/test/clickable";
import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";

import { ImportPage } from "./ImportPage";

const BATCH = {
  id: "b1",
  status: "uploaded",
  dry_run: false,
  file_name: "patients.xlsx",
  file_sha256: "0".repeat(64),
  file_size: 1024,
  format: "xlsx",
  encoding: null,
  sheet_name: "患者一覧",
  header_row: 1,
  total_rows: 20,
  processed_rows: 0,
  last_row_number: 0,
  created_count: 0,
  updated_count: 0,
  skipped_count: 0,
  rejected_count: 0,
  cases_created_count: 0,
  error_code: null,
  error_message: null,
  options: {},
  created_at: "2026-12-04T09:30:00Z",
  started_at: null,
  finished_at: null,
};

function layout(sheetName: string, headers: string[]) {
  return {
    format: "xlsx",
    encoding: null,
    delimiter: null,
    sheet_names: ["患者一覧", "紹介元"],
    sheet_name: sheetName,
    header_row: 1,
    title_rows: [],
    total_rows: 20,
    columns: headers.map((header, index) => ({ index, header, field: null, source: "unmapped" })),
  };
}

type Route = (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;

function stubApi(route: Route) {
  const fetchMock = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    const routed = await route(request, url);
    if (routed) return routed;
    if (url.pathname === "/api/v1/imports/batches") return jsonResponse({ items: [], total: 0, page: 1, page_size: 10 });
    return jsonResponse([]);
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

async function uploadWorkbook(user: ReturnType<typeof userEvent.setup>) {
  const input = document.querySelector<HTMLInputElement>("input[type=file]");
  if (!input) throw new Error("The upload step has no file input.");
  await user.upload(input, new File(["xlsx"], "patients.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  await user.click(screen.getByRole("button", { name: "アップロード" }));
}

/** List the batch as running, then open its progress, which the API reports as `batch`. */
async function followRunningImport(batch: Record<string, unknown>, rows: object[] = []) {
  stubApi((_request, url) => {
    if (url.pathname === "/api/v1/imports/batches") {
      return jsonResponse({ items: [{ ...batch, status: "running", resumable: false }], total: 1, page: 1, page_size: 10 });
    }
    if (url.pathname === "/api/v1/imports/batches/b1") return jsonResponse(batch);
    if (url.pathname === "/api/v1/imports/batches/b1/rows") return jsonResponse({ items: rows, total: rows.length, page: 1, page_size: 50 });
    return undefined;
  });
  const user = userEvent.setup({ delay: null });
  renderWithProviders(<ImportPage />);

  await user.click(await clickable(await screen.findByRole("button", { name: "進み具合を見る" })));
}

describe("ImportPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should read the sheet picked from a workbook", async () => {
    const sheetsRequested: (string | null)[] = [];
    stubApi(async (request, url) => {
      if (url.pathname !== "/api/v1/imports/uploads") return undefined;
      const sheet = (await request.formData()).get("sheet") as string | null;
      sheetsRequested.push(sheet);
      return sheet === "紹介元"
        ? jsonResponse({ batch: { ...BATCH, id: "b2", sheet_name: "紹介元" }, layout: layout("紹介元", ["紹介元名"]) }, 201)
        : jsonResponse({ batch: BATCH, layout: layout("患者一覧", ["氏名"]) }, 201);
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ImportPage />);

    await uploadWorkbook(user);
    expect(await screen.findByText("このファイルには2枚のシートがあります。取り込むシートを選んでください。")).toBeInTheDocument();
    expect(screen.getByText("氏名")).toBeInTheDocument();

    await user.click(screen.getByRole("combobox", { name: "シート" }));
    await user.click(await screen.findByTitle("紹介元"));

    expect(await screen.findByText("紹介元名")).toBeInTheDocument();
    expect(screen.queryByText("氏名")).not.toBeInTheDocument();
    expect(sheetsRequested).toEqual([null, "紹介元"]);
  });

  it("should offer the other sheets when the first cannot be read", async () => {
    const sheetsRequested: (string | null)[] = [];
    stubApi(async (request, url) => {
      if (url.pathname !== "/api/v1/imports/uploads") return undefined;
      const sheet = (await request.formData()).get("sheet") as string | null;
      sheetsRequested.push(sheet);
      if (sheet === null) {
        return jsonResponse({ error: { code: "unreadable_sheet", message: "Name column not found among the headers" } }, 422);
      }
      return jsonResponse({ batch: { ...BATCH, sheet_name: sheet }, layout: layout(sheet, ["氏名", "フリガナ"]) }, 201);
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ImportPage />);

    // A real workbook whose first sheet is a note: "メモ", "患者一覧", "Sheet 3".
    const workbook = readFileSync(join(__dirname, "../utils/testdata/cover-sheet.xlsx"));
    const input = document.querySelector<HTMLInputElement>("input[type=file]") as HTMLInputElement;
    await user.upload(input, new File([workbook], "紹介患者.xlsx"));
    await user.click(screen.getByRole("button", { name: "アップロード" }));

    expect(await screen.findByText("1枚目のシート「メモ」を患者の一覧として読み取れませんでした。取り込むシートを選んでください。")).toBeInTheDocument();
    await user.click(screen.getByRole("combobox", { name: "シート" }));
    await user.click(await screen.findByTitle("患者一覧"));

    expect(await screen.findByText("フリガナ")).toBeInTheDocument();
    expect(sheetsRequested).toEqual([null, "患者一覧"]);
  });

  it("should send the picked sheet with the preview", async () => {
    let previewBody: Record<string, unknown> | null = null;
    stubApi(async (request, url) => {
      if (url.pathname === "/api/v1/imports/uploads") {
        const sheet = (await request.formData()).get("sheet") as string | null;
        const name = sheet ?? "患者一覧";
        return jsonResponse({ batch: { ...BATCH, sheet_name: name }, layout: layout(name, ["氏名"]) }, 201);
      }
      if (url.pathname === "/api/v1/imports/batches/b1/preview") {
        previewBody = (await request.json()) as Record<string, unknown>;
        return jsonResponse(BATCH, 202);
      }
      if (url.pathname === "/api/v1/imports/batches/b1") return jsonResponse(BATCH);
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ImportPage />);

    await uploadWorkbook(user);
    await user.click(await screen.findByRole("combobox", { name: "シート" }));
    await user.click(await screen.findByTitle("紹介元"));
    await waitFor(() => expect(screen.getByRole("combobox", { name: "シート" }).closest(".ant-select")).toHaveTextContent("紹介元"));
    await user.click(screen.getByRole("button", { name: "事前確認へ進む" }));

    await waitFor(() => expect(previewBody).not.toBeNull());
    expect(previewBody).toMatchObject({ sheet: "紹介元" });
  });

  it("should resume a stopped import from the recent list", async () => {
    const stopped = { ...BATCH, status: "failed", resumable: true, processed_rows: 8, last_row_number: 9, created_count: 8, error_message: "接続が切れました" };
    let resumed = false;
    let polls = 0;
    stubApi((request, url) => {
      if (url.pathname === "/api/v1/imports/batches") {
        return jsonResponse({ items: [stopped], total: 1, page: 1, page_size: 10 });
      }
      if (url.pathname === "/api/v1/imports/batches/b1/resume" && request.method === "POST") {
        resumed = true;
        return jsonResponse(stopped, 202);
      }
      if (url.pathname === "/api/v1/imports/batches/b1") {
        polls += 1;
        // The first poll still shows the stopped run: the resumed one starts in the background.
        if (polls === 1) return jsonResponse(stopped);
        return jsonResponse({ ...stopped, status: "completed", processed_rows: 20, last_row_number: 21, created_count: 20, error_message: null });
      }
      return undefined;
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ImportPage />);

    const row = (await screen.findByText("patients.xlsx")).closest("tr");
    expect(row).not.toBeNull();
    expect(within(row as HTMLElement).getByText("中断")).toBeInTheDocument();
    await user.click(await clickable(within(row as HTMLElement).getByRole("button", { name: "中断したところから再開" })));

    expect(await screen.findByText(/取り込み中です/)).toBeInTheDocument();
    expect(await screen.findByText("取り込みが完了しました", {}, { timeout: 5000 })).toBeInTheDocument();
    expect(resumed).toBe(true);
  });

  it("should offer to resume when the import stops", async () => {
    const stopped = { ...BATCH, status: "failed", resumable: true, processed_rows: 8, last_row_number: 9, error_message: "接続が切れました" };
    await followRunningImport(stopped);

    expect(await screen.findByText("取り込みが途中で止まりました。内容を確認してください")).toBeInTheDocument();
    expect(screen.getByText("9行目まで取り込み済みです。再開すると、次の行から同じ設定で取り込みます。")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /中断したところから再開/ })).toBeInTheDocument();
  });

  it("should list updated rows after an import", async () => {
    const finished = { ...BATCH, status: "completed", processed_rows: 20, last_row_number: 21, created_count: 19, updated_count: 1 };
    const updatedRow = { row_number: 5, outcome: "updated", patient_id: "p5", duplicate_reasons: ["email"], errors: [], cells: ["王", "小明"] };
    await followRunningImport(finished, [updatedRow]);

    expect(await screen.findByText("王 / 小明")).toBeInTheDocument();
    expect(screen.getByText("新規登録した行はここには表示されません。患者一覧と各患者のタイムラインで確認できます。")).toBeInTheDocument();
    expect(screen.queryByText("新規登録", { selector: ".ant-segmented-item-label" })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "患者を開く" })).toHaveAttribute("href", "/patients/p5");
  });

  it("should not offer to resume a stopped preview", async () => {
    const stoppedPreview = { ...BATCH, status: "failed", dry_run: true };
    stubApi((_request, url) =>
      url.pathname === "/api/v1/imports/batches" ? jsonResponse({ items: [stoppedPreview], total: 1, page: 1, page_size: 10 }) : undefined,
    );
    renderWithProviders(<ImportPage />);

    const row = (await screen.findByText("patients.xlsx")).closest("tr") as HTMLElement;
    expect(within(row).getByText("事前確認")).toBeInTheDocument();
    expect(within(row).queryByRole("button")).not.toBeInTheDocument();
  });

  it("should name why an upload cannot be read", async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["empty_sheet", {}, "ファイルが空です。見出しの行と患者のデータが入ったファイルを選んでください"],
      ["unknown_encoding", {}, "ファイルの文字コードを判別できませんでした。CSV か Excel（.xlsx）のファイルか確認してください。CSV の場合は「文字コード」を選ぶか、Excel で「CSV UTF-8」として保存し直してください"],
      ["undecodable_row", { row: 3 }, "3行目を選んだ文字コードで読み取れません。「文字コード」で別のものを選ぶか、Excel で「CSV UTF-8」として保存し直してください"],
    ];
    for (const [code, extra, expected] of cases) {
      const message = "Cannot detect the file's encoding: save it as CSV UTF-8 or pass --encoding";
      stubApi((_request, url) => {
        if (url.pathname !== "/api/v1/imports/uploads") return undefined;
        return jsonResponse({ error: { code: "unreadable_sheet", message, fields: [{ path: ["body", "file"], code, message }], ...extra } }, 422);
      });
      const user = userEvent.setup({ delay: null });
      const { unmount } = renderWithProviders(<ImportPage />);

      const input = document.querySelector<HTMLInputElement>("input[type=file]") as HTMLInputElement;
      await user.upload(input, new File(["\u0000\u00ff"], "patients.csv", { type: "text/csv" }));
      await user.click(screen.getByRole("button", { name: "アップロード" }));

      expect(await screen.findByText(expected)).toBeInTheDocument();
      expect(screen.queryByText(/--encoding/)).not.toBeInTheDocument();
      unmount();
    }
  });

  it("should stop at a file without data rows", async () => {
    stubApi((_request, url) => {
      if (url.pathname !== "/api/v1/imports/uploads") return undefined;
      return jsonResponse({ batch: { ...BATCH, total_rows: 0 }, layout: { ...layout("患者一覧", ["氏名"]), total_rows: 0 } }, 201);
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<ImportPage />);

    await uploadWorkbook(user);

    expect(await screen.findByText("見出しの行しかなく、取り込む患者のデータがありません。データの入ったファイルを選んでください")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "事前確認へ進む" })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "アップロード" })).toBeInTheDocument();
  });
});
