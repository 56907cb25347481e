import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { clickable } from "@/test/clickable";
import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders, testUser } from "@/test/renderWithProviders";

import { PatientsPage } from "./PatientsPage";

const EMPTY_PAGE = { items: [], total: 0, page: 1, page_size: 50 };

function stubApi(patients: (url: URL) => Response) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname === "/api/v1/patients") return patients(url);
      if (url.pathname === "/api/v1/departments") return jsonResponse([]);
      return jsonResponse(EMPTY_PAGE);
    }),
  );
}

describe("PatientsPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.localStorage.clear();
  });

  it("should list patients with their reading", async () => {
    stubApi(() =>
      jsonResponse({
        ...EMPTY_PAGE,
        total: 1,
        items: [
          {
            id: "p1",
            family_name: "王",
            given_name: "小明",
            name_latin: "WANG XIAOMING",
            name_kana: "ワン シャオミン",
            sex: "male",
            date_of_birth: "1978-05-20",
            nationality: "CN",
            country_of_residence: "CN",
            email: null,
            phones: [],
            referring_partner_id: null,
            tags: [],
            time_zone: "Asia/Shanghai",
            created_at: "2026-12-04T09:30:00Z",
            updated_at: "2026-12-04T09:30:00Z",
          },
        ],
      }),
    );
    renderWithProviders(<PatientsPage />, { path: "/patients" });

    expect(await screen.findByRole("link", { name: "王 小明 (WANG XIAOMING)" })).toHaveAttribute("href", "/patients/p1");
    expect(screen.getByText("ワン シャオミン")).toBeInTheDocument();
    expect(screen.getByText("中国")).toBeInTheDocument();
    expect(screen.getByText("2026/12/04 18:30")).toBeInTheDocument();
  });

  it("should leave out the partner column for partner users", async () => {
    stubApi(() => jsonResponse(EMPTY_PAGE));
    const partnerUser = { ...testUser, role: "partner" as const, permissions: testUser.permissions.filter((permission) => !permission.startsWith("partners:")) };

    renderWithProviders(<PatientsPage />, { path: "/patients", session: { user: partnerUser } });

    expect(await screen.findByRole("columnheader", { name: "国籍" })).toBeInTheDocument();
    expect(screen.queryByRole("columnheader", { name: "紹介元" })).not.toBeInTheDocument();
  });

  it("should keep paging past a capped total", async () => {
    const pages: (string | null)[] = [];
    stubApi((url) => {
      pages.push(url.searchParams.get("page"));
      return jsonResponse({ ...EMPTY_PAGE, total: 1000, total_exact: false, items: [] });
    });
    const { router } = renderWithProviders(<PatientsPage />, { path: "/patients?q=wang" });

    expect(await screen.findByText("1,000件以上")).toBeInTheDocument();
    expect(screen.getByTitle("5")).toBeInTheDocument();
    expect(screen.queryByTitle("21")).toBeNull();
    expect(screen.getByTitle("次のページ")).not.toHaveClass("ant-pagination-disabled");

    await userEvent.click(await clickable(screen.getByTitle("次 5ページ")));

    await waitFor(() => expect(router.state.location.search).toBe("?q=wang&page=6"));
    expect(pages.at(-1)).toBe("6");
  });

  it("should say when a search finds nobody", async () => {
    stubApi((url) => {
      expect(url.searchParams.get("q")).toBe("チン");
      return jsonResponse(EMPTY_PAGE);
    });
    renderWithProviders(<PatientsPage />, { path: "/patients?q=%E3%83%81%E3%83%B3" });

    expect(await screen.findByText("該当する患者は見つかりませんでした。表記を変えてお試しください")).toBeInTheDocument();
  });

  it("should show the error with a retry button", async () => {
    stubApi(() => jsonResponse({ error: { code: "internal_error", message: "boom" }, request_id: "req-42" }, 500));
    renderWithProviders(<PatientsPage />, { path: "/patients" });

    expect(await screen.findByText(/リクエストID: req-42/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "再読み込み" })).toBeInTheDocument();
  });
});
