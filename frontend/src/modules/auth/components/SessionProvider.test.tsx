import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import jaJP from "antd/es/locale/ja_JP";

import { formDrafts } from "@/modules/common/utils/formDrafts";
import { UiLanguageProvider } from "@/modules/layout/components/UiLanguageProvider";
import { jsonResponse } from "@/test/jsonResponse";
import { testUser } from "@/test/renderWithProviders";

import { useSession } from "../hooks/useSession";
import { SessionProvider } from "./SessionProvider";

function SessionButtons() {
  const { status, login, logout } = useSession();
  return (
    <>
      <p>{status}</p>
      <button type="button" onClick={() => void login("hanako@example.com", "right-password-1")}>
        login
      </button>
      <button type="button" onClick={() => void logout()}>
        logout
      </button>
    </>
  );
}

function renderSession() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <UiLanguageProvider initialLanguage="ja" initialAntdLocale={jaJP}>
        <SessionProvider>
          <SessionButtons />
        </SessionProvider>
      </UiLanguageProvider>
    </QueryClientProvider>,
  );
}

describe("SessionProvider", () => {
  beforeEach(() => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        const { pathname } = new URL(input instanceof Request ? input.url : String(input));
        if (pathname === "/api/v1/auth/refresh") return jsonResponse({ error: { code: "not_authenticated" } }, 401);
        if (pathname === "/api/v1/auth/login") return jsonResponse({ access_token: "token", user: testUser });
        if (pathname === "/api/v1/auth/logout") return new Response(null, { status: 204 });
        return jsonResponse(testUser);
      }),
    );
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    window.sessionStorage.clear();
  });

  it("should drop other users' drafts at login and all at logout", async () => {
    const mine = formDrafts.key(testUser.id, "/cases/c1", "quick-note");
    const theirs = formDrafts.key("someone-else", "/cases/c1", "quick-note");
    formDrafts.write(mine, { body: "自分のメモ" });
    formDrafts.write(theirs, { body: "他人のメモ" });
    renderSession();
    await screen.findByText("anonymous");
    const user = userEvent.setup({ delay: null });

    await user.click(screen.getByRole("button", { name: "login" }));
    await screen.findByText("authenticated");

    expect(formDrafts.read(mine)).toEqual({ body: "自分のメモ" });
    expect(formDrafts.read(theirs)).toBeNull();

    await user.click(screen.getByRole("button", { name: "logout" }));
    await waitFor(() => expect(formDrafts.read(mine)).toBeNull());
  });
});
