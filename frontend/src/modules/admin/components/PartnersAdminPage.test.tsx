import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { clickable } from "@/test/clickable";
import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";
import { EMPTY_PAGE, stubListEndpoint } from "@/test/stubListEndpoint";

import { PartnersAdminPage } from "./PartnersAdminPage";

function partner(index: number) {
  return {
    id: `00000000-0000-4000-9000-${String(index).padStart(12, "0")}`,
    name: `提携先 ${index}`,
    kind: "agency",
    country: "CN",
    languages: ["zh"],
    contacts: [],
    guarantor_registry: null,
    guarantor_registration_number: null,
    notes: null,
    active: true,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
  };
}

describe("PartnersAdminPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should page through more than one page of partners", async () => {
    const queries = stubListEndpoint("/api/v1/partners", (url) => {
      const page = Number(url.searchParams.get("page"));
      return jsonResponse({ ...EMPTY_PAGE, page, total: 230, items: [partner(page)] });
    });
    renderWithProviders(<PartnersAdminPage />, { path: "/admin/partners" });

    expect(await screen.findByRole("button", { name: "提携先 1" })).toBeInTheDocument();
    expect(screen.getByText("全230件")).toBeInTheDocument();
    expect(queries[0]?.get("sort")).toBe("name");
    expect(queries[0]?.get("page_size")).toBe("50");

    await userEvent.click(await clickable(screen.getByTitle("5")));

    expect(await screen.findByRole("button", { name: "提携先 5" })).toBeInTheDocument();
    expect(queries.at(-1)?.get("page")).toBe("5");
  });

  it("should search by name and filter by type", async () => {
    const queries = stubListEndpoint("/api/v1/partners", () => jsonResponse({ ...EMPTY_PAGE, total: 1, items: [partner(2)] }));
    renderWithProviders(<PartnersAdminPage />, { path: "/admin/partners?kind=facilitator&page=2" });
    await screen.findByRole("button", { name: "提携先 2" });
    expect(queries[0]?.get("kind")).toBe("facilitator");

    await userEvent.type(screen.getByRole("searchbox", { name: "提携先を検索" }), "上海{Enter}");

    await waitFor(() => expect(queries.at(-1)?.get("q")).toBe("上海"));
    expect(queries.at(-1)?.get("kind")).toBe("facilitator");
    expect(queries.at(-1)?.get("page")).toBe("1");
  });

  it("should tell an empty search from an empty list", async () => {
    stubListEndpoint("/api/v1/partners", () => jsonResponse(EMPTY_PAGE));
    const { router } = renderWithProviders(<PartnersAdminPage />, { path: "/admin/partners?q=zzz" });

    expect(await screen.findByText("条件に合う提携先はありません")).toBeInTheDocument();

    await router.navigate("/admin/partners");

    expect(await screen.findByText("提携先はまだ登録されていません")).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "提携先を検索" })).toHaveValue("");
  });

  it("should show the error with a retry button", async () => {
    stubListEndpoint("/api/v1/partners", () => jsonResponse({ error: { code: "internal_error", message: "boom" }, request_id: "req-9" }, 500));
    renderWithProviders(<PartnersAdminPage />, { path: "/admin/partners" });

    expect(await screen.findByText(/リクエストID: req-9/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "再読み込み" })).toBeInTheDocument();
  });
});
