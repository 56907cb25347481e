import { BarChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import ReactEChartsCore from "echarts-for-react/lib/core";
import { useTranslation } from "react-i18next";

import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { nationalityChartOption } from "../utils/nationalityChartOption";

// Registering only the bar chart keeps ECharts' share of the dashboard bundle small.
echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

export type NationalityChartProps = {
  counts: Record<string, number>;
};

export function NationalityChart({ counts }: NationalityChartProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const option = nationalityChartOption(counts, language, t("dashboard.cases"));
  const height = Math.max(160, Object.keys(counts).slice(0, 12).length * 28 + 24);

  return (
    <div role="img" aria-label={t("dashboard.byNationality")}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} opts={{ renderer: "svg" }} />
    </div>
  );
}
