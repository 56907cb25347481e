import { ApiError } from "./ApiError";

describe("ApiError", () => {
  it("should read code, request id and fields", () => {
    const error = new ApiError(422, {
      error: {
        code: "validation_error",
        message: "Invalid input",
        fields: [{ path: ["body", "email"], code: "invalid_email", message: "bad" }],
      },
      request_id: "req-1",
    });

    expect(error.code).toBe("validation_error");
    expect(error.requestId).toBe("req-1");
    expect(error.fields[0]?.path).toEqual(["body", "email"]);
    expect(error.status).toBe(422);
  });

  it("should keep extra members as details", () => {
    const error = new ApiError(423, { error: { code: "account_locked", message: "x", locked_until: "2026-01-01T00:00:00Z" } });

    expect(error.details.locked_until).toBe("2026-01-01T00:00:00Z");
  });

  it("should fall back to unknown_error without a body", () => {
    const error = new ApiError(500, undefined);

    expect(error.code).toBe("unknown_error");
    expect(error.requestId).toBeNull();
  });
});
