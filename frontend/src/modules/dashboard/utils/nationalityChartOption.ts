import type { EChartsCoreOption } from "echarts/core";

import { countryName } from "@/modules/common/utils/countryName";

/** ECharts option for a horizontal bar chart of cases per nationality, largest first, top 12. */
export function nationalityChartOption(counts: Record<string, number>, language: string, seriesName: string): EChartsCoreOption {
  const rows = Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 12)
    .reverse();

  return {
    // Figures staff check every morning: no grow-in animation.
    animation: false,
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: rows.map(([code]) => countryName(code, language)) },
    // Value labels on the bars replace a tooltip, which would add about 10 KB gzip of ECharts.
    series: [
      {
        name: seriesName,
        type: "bar",
        data: rows.map(([, count]) => count),
        itemStyle: { color: "#0b6bcb" },
        label: { show: true, position: "right", color: "#262626" },
      },
    ],
  };
}
