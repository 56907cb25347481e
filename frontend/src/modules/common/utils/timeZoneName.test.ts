import { timeZoneName } from "./timeZoneName";

describe("timeZoneName", () => {
  it("should name a zone in each UI language", () => {
    expect(timeZoneName("Asia/Shanghai", "ja")).toBe("中国標準時");
    expect(timeZoneName("Asia/Shanghai", "en")).toBe("China Standard Time");
    expect(timeZoneName("Asia/Shanghai", "zh-CN")).toBe("中国标准时间");
  });

  it("should return an unknown zone unchanged", () => {
    expect(timeZoneName("Mars/Olympus_Mons", "ja")).toBe("Mars/Olympus_Mons");
  });
});
