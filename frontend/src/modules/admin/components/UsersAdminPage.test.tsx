import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { clickable } from "@/test/clickable";
import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders, testUser } from "@/test/renderWithProviders";
import { EMPTY_PAGE, stubListEndpoint } from "@/test/stubListEndpoint";

import { UsersAdminPage } from "./UsersAdminPage";

function user(index: number) {
  return {
    ...testUser,
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    email: `staff${index}@example.com`,
    display_name: `職員 ${index}`,
  };
}

type PatchRequest = { userId: string; body: Record<string, unknown> };

// The users list with one row, the partner search, and PATCH /users/{id}, which is recorded and returns `respond`'s response.
function stubUsersApi(row: ReturnType<typeof user>, respond: (body: Record<string, unknown>) => Response = () => jsonResponse(row)) {
  const patches: PatchRequest[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (request.method === "PATCH") {
        const body = (await request.json()) as Record<string, unknown>;
        patches.push({ userId: url.pathname.split("/").at(-1) ?? "", body });
        return respond(body);
      }
      if (url.pathname === "/api/v1/partners") {
        const items = [{ id: "partner-1", name: "上海エージェント", kind: "agency", country: "CN", active: true }];
        return jsonResponse({ ...EMPTY_PAGE, total: 1, items });
      }
      return jsonResponse({ ...EMPTY_PAGE, total: 1, items: [row] });
    }),
  );
  return patches;
}

describe("UsersAdminPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should page through more than one page of accounts", async () => {
    const queries = stubListEndpoint("/api/v1/users", (url) => {
      const page = Number(url.searchParams.get("page"));
      return jsonResponse({ ...EMPTY_PAGE, page, total: 260, items: [user(page * 100)] });
    });
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });

    expect(await screen.findByText("職員 100")).toBeInTheDocument();
    expect(screen.getByText("全260件")).toBeInTheDocument();
    expect(queries[0]?.get("page")).toBe("1");
    expect(queries[0]?.get("page_size")).toBe("50");
    expect(queries[0]?.get("sort")).toBe("display_name");

    await userEvent.click(await clickable(screen.getByTitle("6")));

    expect(await screen.findByText("職員 600")).toBeInTheDocument();
    expect(queries.at(-1)?.get("page")).toBe("6");
  });

  it("should name a partner user's organization", async () => {
    const partnerUser = { ...user(8), role: "partner", partner_id: "partner-1" };
    const partnerRequests: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        const url = new URL(request.url);
        if (url.pathname.startsWith("/api/v1/partners/")) {
          partnerRequests.push(url.pathname);
          return jsonResponse({ id: "partner-1", name: "上海エージェント", kind: "agency", country: "CN", active: true });
        }
        return jsonResponse({ ...EMPTY_PAGE, total: 2, items: [partnerUser, user(9)] });
      }),
    );
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });

    const row = (await screen.findByText("職員 8")).closest("tr") as HTMLElement;
    expect(await within(row).findByText("上海エージェント")).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "所属する提携先" })).toBeInTheDocument();
    expect(partnerRequests).toEqual(["/api/v1/partners/partner-1"]);
  });

  it("should search by name or email from page 1", async () => {
    const queries = stubListEndpoint("/api/v1/users", () => jsonResponse({ ...EMPTY_PAGE, total: 1, items: [user(7)] }));
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users?page=3" });
    await screen.findByText("職員 7");

    await userEvent.type(screen.getByRole("searchbox", { name: "ユーザーを検索" }), "  staff7@  {Enter}");

    await waitFor(() => expect(queries.at(-1)?.get("q")).toBe("staff7@"));
    expect(queries.at(-1)?.get("page")).toBe("1");
  });

  it("should send the role and status filters from the URL", async () => {
    const queries = stubListEndpoint("/api/v1/users", () => jsonResponse(EMPTY_PAGE));
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users?role=doctor&active=false" });

    await waitFor(() => expect(queries).toHaveLength(1));
    expect(queries[0]?.get("role")).toBe("doctor");
    expect(queries[0]?.get("active")).toBe("false");
  });

  it("should ignore an unknown role or page in the URL", async () => {
    const queries = stubListEndpoint("/api/v1/users", () => jsonResponse(EMPTY_PAGE));
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users?role=owner&active=maybe&page=x" });

    await waitFor(() => expect(queries).toHaveLength(1));
    expect(queries[0]?.has("role")).toBe(false);
    expect(queries[0]?.has("active")).toBe(false);
    expect(queries[0]?.get("page")).toBe("1");
  });

  it("should move past the end to the last page", async () => {
    const queries = stubListEndpoint("/api/v1/users", (url) => {
      const page = Number(url.searchParams.get("page"));
      return jsonResponse({ ...EMPTY_PAGE, page, total: 120, items: page <= 3 ? [user(page)] : [] });
    });
    const { router } = renderWithProviders(<UsersAdminPage />, { path: "/admin/users?page=9" });

    expect(await screen.findByText("職員 3")).toBeInTheDocument();
    expect(queries.map((query) => query.get("page"))).toEqual(["9", "3"]);
    expect(router.state.location.search).toBe("?page=3");
  });

  it("should say when no account matches the search", async () => {
    stubListEndpoint("/api/v1/users", () => jsonResponse(EMPTY_PAGE));
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users?q=nobody" });

    expect(await screen.findByText("条件に合うユーザーはいません")).toBeInTheDocument();
    expect(screen.getByRole("searchbox", { name: "ユーザーを検索" })).toHaveValue("nobody");
  });

  it("should show the error with a retry button", async () => {
    let calls = 0;
    stubListEndpoint("/api/v1/users", () => {
      calls += 1;
      return calls === 1
        ? jsonResponse({ error: { code: "internal_error", message: "boom" }, request_id: "req-7" }, 500)
        : jsonResponse({ ...EMPTY_PAGE, total: 1, items: [user(1)] });
    });
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });

    expect(await screen.findByText(/リクエストID: req-7/, {}, { timeout: 5000 })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "再読み込み" }));

    expect(await screen.findByText("職員 1")).toBeInTheDocument();
  });

  it("should label each row's role and status with the user's name", async () => {
    stubListEndpoint("/api/v1/users", () => jsonResponse({ ...EMPTY_PAGE, total: 1, items: [user(3)] }));
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });

    expect(await screen.findByRole("combobox", { name: "権限（職員 3）" })).toBeInTheDocument();
    expect(screen.getByRole("switch", { name: "有効（職員 3）" })).toBeChecked();
  });

  it("should ask for the organization of a partner user", async () => {
    const row = user(4);
    const patches = stubUsersApi(row);
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });
    const typist = userEvent.setup({ delay: null });

    await typist.click(await clickable(await screen.findByRole("combobox", { name: "権限（職員 4）" })));
    await typist.click(await screen.findByTitle("提携先"));

    const dialog = await screen.findByRole("dialog", { name: "権限を「提携先」に変更（職員 4）" });
    expect(patches).toHaveLength(0);
    await typist.click(within(dialog).getByRole("button", { name: "保存" }));
    expect(await within(dialog).findByText("提携先を選んでください")).toBeInTheDocument();

    await typist.click(within(dialog).getByRole("combobox"));
    await typist.click(await screen.findByTitle("上海エージェント"));
    await typist.click(within(dialog).getByRole("button", { name: "保存" }));

    await waitFor(() => expect(patches).toEqual([{ userId: row.id, body: { role: "partner", partner_id: "partner-1" } }]));
  });

  it("should clear the organization when leaving the partner role", async () => {
    const row = { ...user(5), role: "partner" as const, partner_id: "partner-1" };
    const patches = stubUsersApi(row);
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });
    const typist = userEvent.setup({ delay: null });

    await typist.click(await clickable(await screen.findByRole("combobox", { name: "権限（職員 5）" })));
    await typist.click(await screen.findByTitle("医師"));

    await waitFor(() => expect(patches).toEqual([{ userId: row.id, body: { role: "doctor", partner_id: null } }]));
  });

  it("should name the missing organization in the error", async () => {
    const fields = [{ path: ["body", "partner_id"], code: "partner_required", message: "A partner user must belong to a partner organization." }];
    stubUsersApi({ ...user(6), role: "partner" as const }, () => jsonResponse({ error: { code: "validation_failed", message: "x", fields } }, 422));
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });
    const typist = userEvent.setup({ delay: null });

    await typist.click(await clickable(await screen.findByRole("switch", { name: "有効（職員 6）" })));
    await typist.click(await screen.findByRole("button", { name: "無効にする" }));

    expect(await screen.findByText("役割が提携先のユーザーには、所属する提携先を設定してください")).toBeInTheDocument();
  });

  it("should confirm before deactivating only", async () => {
    const patches = stubUsersApi(user(8));
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });
    const typist = userEvent.setup({ delay: null });

    await typist.click(await clickable(await screen.findByRole("switch", { name: "有効（職員 8）" })));
    expect(await screen.findByText("職員 8 のアカウントを無効にしますか？無効にするとログインできなくなります。")).toBeInTheDocument();
    expect(patches).toHaveLength(0);

    await typist.click(screen.getByRole("button", { name: "無効にする" }));
    await waitFor(() => expect(patches).toEqual([{ userId: user(8).id, body: { active: false } }]));
  });

  it("should activate without asking", async () => {
    const row = { ...user(9), active: false };
    const patches = stubUsersApi(row);
    renderWithProviders(<UsersAdminPage />, { path: "/admin/users" });

    await userEvent.click(await clickable(await screen.findByRole("switch", { name: "有効（職員 9）" })));

    await waitFor(() => expect(patches).toEqual([{ userId: row.id, body: { active: true } }]));
  });
});
