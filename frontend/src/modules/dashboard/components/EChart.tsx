import { BarChart } from "echarts/charts";
import { GridComponent } from "echarts/components";
import { type EChartsCoreOption, init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

// Registering only the bar chart, its grid and the SVG renderer keeps ECharts small (no tooltip: bars carry value labels).
use([BarChart, GridComponent, SVGRenderer]);

export type EChartProps = {
  option: EChartsCoreOption;
  height: number;
};

/** Render one ECharts chart that resizes with its container and is disposed on unmount. */
export function EChart({ option, height }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ReturnType<typeof init> | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) {
      return;
    }
    const chart = init(container, undefined, { renderer: "svg" });
    chartRef.current = chart;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={containerRef} style={{ height, width: "100%" }} />;
}
