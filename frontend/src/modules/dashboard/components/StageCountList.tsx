import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { StageTag } from "@/modules/cases/components/StageTag";
import { caseStages } from "@/modules/cases/utils/caseStages";

export type StageCountListProps = {
  counts: Record<string, number>;
};

/** Cases per stage as a plain table; each stage links to the pipeline table filtered by it. */
export function StageCountList({ counts }: StageCountListProps) {
  const { t } = useTranslation();
  return (
    <table className="plain-table">
      <thead>
        <tr>
          <th scope="col">{t("cases.stage")}</th>
          <th scope="col" className="numeric">
            {t("dashboard.cases")}
          </th>
        </tr>
      </thead>
      <tbody>
        {caseStages.map((stage) => (
          <tr key={stage}>
            <td>
              <Link to={`/pipeline?view=table&stage=${stage}`}>
                <StageTag stage={stage} />
              </Link>
            </td>
            <td className="numeric">{counts[stage] ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
