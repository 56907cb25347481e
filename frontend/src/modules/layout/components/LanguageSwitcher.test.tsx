import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { i18n } from "@/i18n/i18n";
import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders, testUser } from "@/test/renderWithProviders";

import { LanguageSwitcher } from "./LanguageSwitcher";

describe("LanguageSwitcher", () => {
  afterEach(async () => {
    vi.unstubAllGlobals();
    window.localStorage.clear();
    await i18n.changeLanguage("ja");
  });

  it("should switch to English and save it to the account", async () => {
    const fetchMock = vi.fn(async (request: Request) => jsonResponse({ ...testUser, ui_language: "en", ...(await request.json()) }));
    vi.stubGlobal("fetch", fetchMock);
    const setUser = vi.fn();
    renderWithProviders(<LanguageSwitcher persist />, { session: { setUser } });

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "表示言語" }), "English");

    expect(await screen.findByRole("combobox", { name: "Display language" })).toHaveValue("en");
    await waitFor(() => expect(setUser).toHaveBeenCalledWith(expect.objectContaining({ ui_language: "en" })));
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(request.method).toBe("PATCH");
    expect(new URL(request.url).pathname).toBe("/api/v1/users/me");
    expect(window.localStorage.getItem("hospital-crm.ui-language")).toBe("en");
  });

  it("should not save the choice on the login page", async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal("fetch", fetchMock);
    renderWithProviders(<LanguageSwitcher persist={false} />, { session: { status: "anonymous", user: null } });

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "表示言語" }), "简体中文");

    expect(await screen.findByRole("combobox", { name: "界面语言" })).toHaveValue("zh-CN");
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("should show an error message when saving fails", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "service_unavailable", message: "x" } }, 503)));
    renderWithProviders(<LanguageSwitcher persist />);

    await userEvent.selectOptions(screen.getByRole("combobox", { name: "表示言語" }), "English");

    // The message is in the language shown when the user picked English: Japanese.
    expect(await screen.findByText(i18n.t("errors.service_unavailable", { lng: "ja" }))).toBeInTheDocument();
    expect(screen.getByRole("combobox", { name: "Display language" })).toHaveValue("en");
  });
});
