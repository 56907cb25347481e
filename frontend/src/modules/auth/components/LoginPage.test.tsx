import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ApiError } from "@/api/ApiError";
import { renderWithProviders } from "@/test/renderWithProviders";

import { LoginPage } from "./LoginPage";

async function submit(email: string, password: string) {
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByLabelText("メールアドレス"), email);
  await user.type(screen.getByLabelText("パスワード"), password);
  await user.click(screen.getByRole("button", { name: "ログイン" }));
}

describe("LoginPage", () => {
  it("should explain a wrong password", async () => {
    const login = vi.fn().mockRejectedValue(new ApiError(401, { error: { code: "invalid_credentials", message: "x" } }));
    renderWithProviders(<LoginPage />, { session: { status: "anonymous", user: null, login }, path: "/login" });

    await submit("hanako@example.com", "wrong-password");

    expect(await screen.findByRole("alert", {}, { timeout: 5000 })).toHaveTextContent("メールアドレスまたはパスワードが正しくありません");
    expect(login).toHaveBeenCalledWith("hanako@example.com", "wrong-password");
  });

  it("should say until when a locked account stays locked", async () => {
    const locked = new ApiError(423, { error: { code: "account_locked", message: "x", locked_until: "2026-12-04T09:30:00Z" } });
    const login = vi.fn().mockRejectedValue(locked);
    renderWithProviders(<LoginPage />, { session: { status: "anonymous", user: null, login }, path: "/login" });

    await submit("hanako@example.com", "whatever-password");

    expect(await screen.findByRole("alert", {}, { timeout: 5000 })).toHaveTextContent("2026/12/04 18:30 以降にもう一度お試しください");
  });

  it("should ask to wait after too many attempts", async () => {
    const login = vi.fn().mockRejectedValue(new ApiError(429, { error: { code: "too_many_attempts", message: "x" } }));
    renderWithProviders(<LoginPage />, { session: { status: "anonymous", user: null, login }, path: "/login" });

    await submit("hanako@example.com", "whatever-password");

    expect(await screen.findByRole("alert", {}, { timeout: 5000 })).toHaveTextContent("ログインの試行回数が多すぎます");
  });

  it("should reject an invalid email before calling the API", async () => {
    const login = vi.fn();
    renderWithProviders(<LoginPage />, { session: { status: "anonymous", user: null, login }, path: "/login" });

    await submit("not-an-email", "password-123456");

    expect(await screen.findByText("メールアドレスの形式が正しくありません（例: hanako@example.jp）")).toBeInTheDocument();
    expect(login).not.toHaveBeenCalled();
  });

  it("should go to the next path after login", async () => {
    const login = vi.fn().mockResolvedValue(undefined);
    const { router } = renderWithProviders(<LoginPage />, { session: { status: "anonymous", user: null, login }, path: "/login?next=%2Fpatients%2F42" });

    await submit("hanako@example.com", "right-password-1");

    await waitFor(() => expect(router.state.location.pathname).toBe("/patients/42"));
  });

  it("should say why after the session expired", async () => {
    const login = vi.fn().mockResolvedValue(undefined);
    const { router } = renderWithProviders(<LoginPage />, {
      session: { status: "anonymous", user: null, login },
      path: "/login?next=%2Fcases%2Fc1&reason=session_expired",
    });

    expect(screen.getByRole("status")).toHaveTextContent("セッションの有効期限が切れました。もう一度ログインしてください。");
    await submit("hanako@example.com", "right-password-1");

    await waitFor(() => expect(router.state.location.pathname).toBe("/cases/c1"));
  });

  it("should not mention a session on a plain visit", () => {
    renderWithProviders(<LoginPage />, { session: { status: "anonymous", user: null }, path: "/login" });

    expect(screen.queryByText(/セッションの有効期限/)).not.toBeInTheDocument();
  });
});
