import { useMemo } from "react";
import { useTranslation } from "react-i18next";

import { countryName } from "@/modules/common/utils/countryName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { nationalityChartOption } from "../utils/nationalityChartOption";
import { EChart } from "./EChart";

export type NationalityChartProps = {
  counts: Record<string, number>;
};

/** Cases per nationality as a bar chart, with the same figures as a visually hidden list for screen readers. */
export function NationalityChart({ counts }: NationalityChartProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const option = useMemo(() => nationalityChartOption(counts, language, t("dashboard.cases")), [counts, language, t]);
  const rows = Object.entries(counts).sort(([, a], [, b]) => b - a);
  const height = Math.max(160, Math.min(rows.length, 12) * 28 + 24);

  return (
    <figure style={{ margin: 0 }}>
      <div aria-hidden="true">
        <EChart option={option} height={height} />
      </div>
      <figcaption className="visually-hidden">
        <ul>
          {rows.map(([code, count]) => (
            <li key={code}>{t("dashboard.nationalityCount", { country: countryName(code, language), count })}</li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
