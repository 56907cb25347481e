import { useQuery } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders, testUser } from "@/test/renderWithProviders";

import { ChangePasswordModal } from "./ChangePasswordModal";

// The dashboard behind the dialog, reduced to one query that the API rejects until the password is changed.
function DashboardFigure() {
  const { data, error } = useQuery({
    queryKey: ["dashboard"],
    queryFn: async () => unwrap(await client.GET("/api/v1/dashboard")),
  });
  if (error) return <ErrorAlert error={error} />;
  return <p>{data ? `new: ${data.new_inquiries_this_week}` : "loading"}</p>;
}

describe("ChangePasswordModal", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should refetch the page after a required change", async () => {
    let passwordChanged = false;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        const { pathname } = new URL(request.url);
        if (pathname === "/api/v1/users/me/password") {
          passwordChanged = true;
          return new Response(null, { status: 204 });
        }
        if (!passwordChanged) {
          return jsonResponse({ error: { code: "password_change_required", message: "x", fields: [] } }, 403);
        }
        return jsonResponse({ new_inquiries_this_week: 7 });
      }),
    );
    const user = { ...testUser, must_change_password: true };
    renderWithProviders(
      <>
        <DashboardFigure />
        <ChangePasswordModal open required onClose={() => undefined} />
      </>,
      { session: { user, setUser: () => undefined } },
    );
    expect(await screen.findByText("新しいパスワードを設定してから操作してください")).toBeInTheDocument();

    const typist = userEvent.setup({ delay: null });
    await typist.type(screen.getByLabelText("現在のパスワード"), "one-time-password-1");
    await typist.type(screen.getByLabelText("新しいパスワード", { exact: true }), "Kyoto-Ginkgo-Lantern-2026");
    await typist.type(screen.getByLabelText("新しいパスワード（確認）"), "Kyoto-Ginkgo-Lantern-2026");
    await typist.click(screen.getByRole("button", { name: "保存" }));

    expect(await screen.findByText("new: 7")).toBeInTheDocument();
    expect(screen.queryByText("新しいパスワードを設定してから操作してください")).not.toBeInTheDocument();
  });

  it("should explain that the part before the @ counts", async () => {
    const message = "Do not use your email address, or the part before the @ when it has 3 or more characters, in the password.";
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => jsonResponse({ error: { code: "validation_failed", message, fields: [{ path: ["body", "password"], code: "password_contains_email", message }] } }, 422)),
    );
    renderWithProviders(<ChangePasswordModal open required={false} onClose={() => undefined} />);

    const typist = userEvent.setup({ delay: null });
    await typist.type(screen.getByLabelText("現在のパスワード"), "one-time-password-1");
    await typist.type(screen.getByLabelText("新しいパスワード", { exact: true }), "Kyoto-hanako-Lantern-2026");
    await typist.type(screen.getByLabelText("新しいパスワード（確認）"), "Kyoto-hanako-Lantern-2026");
    await typist.click(screen.getByRole("button", { name: "保存" }));

    const expected = "メールアドレスも、その@より前の部分（3文字以上のとき）も、パスワードに含めないでください";
    expect((await screen.findAllByText(expected)).length).toBeGreaterThan(0);
  });
});
