import { countryName } from "./countryName";
import { languageName } from "./languageName";

describe("countryName", () => {
  it("should name countries in the UI language", () => {
    expect(countryName("CN", "ja")).toBe("中国");
    expect(countryName("VN", "en")).toBe("Vietnam");
  });

  it("should pass unknown or empty codes through", () => {
    expect(countryName("", "ja")).toBe("");
    expect(countryName("not-a-code", "ja")).toBe("not-a-code");
  });
});

describe("languageName", () => {
  it("should name languages in the UI language", () => {
    expect(languageName("zh", "ja")).toBe("中国語");
    expect(languageName("vi", "en")).toBe("Vietnamese");
  });
});
