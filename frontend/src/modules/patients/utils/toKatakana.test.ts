import { toKatakana } from "./toKatakana";

describe("toKatakana", () => {
  it("should turn hiragana into katakana", () => {
    expect(toKatakana("わん しゃおみん")).toBe("ワン シャオミン");
    expect(toKatakana("すゞき")).toBe("スヾキ");
  });

  it("should widen half-width katakana", () => {
    expect(toKatakana("ﾜﾝ ｳｪｲ")).toBe("ワン ウェイ");
  });

  it("should keep katakana, long vowels and middle dots", () => {
    expect(toKatakana("グエン・ヴァン・アン")).toBe("グエン・ヴァン・アン");
    expect(toKatakana("リー ナー")).toBe("リー ナー");
  });

  it("should turn a full-width space into a space", () => {
    expect(toKatakana("たなか　はなこ")).toBe("タナカ ハナコ");
  });
});
