import { ApiError } from "@/api/ApiError";
import { i18n } from "@/i18n/i18n";

import { translateApiError } from "./translateApiError";

describe("translateApiError", () => {
  const t = i18n.getFixedT("ja");

  it("should translate a known code", () => {
    const error = new ApiError(401, { error: { code: "invalid_credentials", message: "x" }, request_id: "r1" });

    expect(translateApiError(error, t)).toBe("メールアドレスまたはパスワードが正しくありません");
  });

  it("should fall back to the HTTP status", () => {
    const error = new ApiError(404, { error: { code: "patient_not_found", message: "x" }, request_id: "r2" });

    expect(translateApiError(error, t)).toBe("指定されたデータが見つかりません");
  });

  it("should translate a body rejected as too large", () => {
    const error = new ApiError(413, { error: { code: "request_too_large", message: "x", fields: [] }, request_id: "r3" });

    expect(translateApiError(error, t)).toBe("送信するデータが大きすぎます。入力を短くしてください");
  });

  it("should show the request id for unknown errors", () => {
    const error = new ApiError(500, { error: { code: "internal_error", message: "x" }, request_id: "abc123" });

    expect(translateApiError(error, t)).toContain("abc123");
  });

  it("should handle values that are not API errors", () => {
    expect(translateApiError(new TypeError("boom"), t)).toContain("-");
  });
});
