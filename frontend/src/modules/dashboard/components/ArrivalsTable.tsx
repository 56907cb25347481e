import { Empty } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import type { ApiResponse } from "@/api/types";
import { StageTag } from "@/modules/cases/components/StageTag";
import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { useDepartmentName } from "@/modules/departments/hooks/useDepartmentName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { patientDisplayName } from "@/modules/patients/utils/patientDisplayName";

type Arrival = ApiResponse<"/api/v1/dashboard", "get">["arrivals_next_14_days"][number];

export type ArrivalsTableProps = {
  arrivals: Arrival[];
};

/** Cases whose patient arrives in the next 14 days, soonest first, as a plain table. */
export function ArrivalsTable({ arrivals }: ArrivalsTableProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const departmentName = useDepartmentName();

  if (arrivals.length === 0) {
    return <Empty description={t("dashboard.noArrivals")} />;
  }
  return (
    <div style={{ overflowX: "auto" }}>
      <table className="plain-table">
        <thead>
          <tr>
            <th scope="col">{t("cases.plannedArrival")}</th>
            <th scope="col">{t("cases.reference")}</th>
            <th scope="col">{t("patients.name")}</th>
            <th scope="col">{t("patients.nationality")}</th>
            <th scope="col">{t("cases.department")}</th>
            <th scope="col">{t("cases.stage")}</th>
          </tr>
        </thead>
        <tbody>
          {arrivals.map((arrival) => (
            <tr key={arrival.id}>
              <td>{formatDate(arrival.planned_arrival_date)}</td>
              <td>
                <Link to={`/cases/${arrival.id}`}>{arrival.reference}</Link>
              </td>
              <td>
                <Link to={`/patients/${arrival.patient.id}`}>{patientDisplayName(arrival.patient)}</Link>
              </td>
              <td>{countryName(arrival.patient.nationality, language)}</td>
              <td>{departmentName(arrival.department_id)}</td>
              <td>
                <StageTag stage={arrival.stage} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
