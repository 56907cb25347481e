import { nationalityChartOption } from "./nationalityChartOption";

describe("nationalityChartOption", () => {
  it("should list the largest nationality last for a bottom-up axis", () => {
    const option = nationalityChartOption({ CN: 5, VN: 9, US: 1 }, "ja", "案件") as {
      yAxis: { data: string[] };
      series: { data: number[] }[];
    };

    expect(option.yAxis.data).toEqual(["アメリカ合衆国", "中国", "ベトナム"]);
    expect(option.series[0]?.data).toEqual([1, 5, 9]);
  });

  it("should keep only the top twelve", () => {
    const counts = Object.fromEntries(["CN", "VN", "US", "KR", "TW", "TH", "ID", "PH", "RU", "MN", "IN", "MY", "SG", "AU"].map((code, index) => [code, index + 1]));
    const option = nationalityChartOption(counts, "en", "Cases") as { series: { data: number[] }[] };

    expect(option.series[0]?.data).toHaveLength(12);
    expect(option.series[0]?.data).not.toContain(1);
  });
});
