import { ApiError } from "@/api/ApiError";
import { i18n } from "@/i18n/i18n";

import { exportErrorMessage } from "./exportErrorMessage";

const t = i18n.getFixedT("ja");

function unencodable(characters: string[]): ApiError {
  return new ApiError(422, { error: { code: "cp932_unencodable", message: "x", fields: [], characters } });
}

describe("exportErrorMessage", () => {
  it("should name the characters and advise UTF-8", () => {
    const message = exportErrorMessage(unencodable(["U+5F20", "U+D55C"]), t);

    expect(message).toContain("张 (U+5F20) 한 (U+D55C)");
    expect(message).toContain("UTF-8");
  });

  it("should count the characters it leaves out", () => {
    const codePoints = Array.from({ length: 12 }, (_, index) => `U+${(0x4e00 + index).toString(16).toUpperCase()}`);

    expect(exportErrorMessage(unencodable(codePoints), t)).toContain("ほか2文字");
  });

  it("should translate other errors as usual", () => {
    const error = new ApiError(422, { error: { code: "validation_failed", message: "x", fields: [] } });

    expect(exportErrorMessage(error, t)).toBe("入力内容を確認してください");
  });
});
