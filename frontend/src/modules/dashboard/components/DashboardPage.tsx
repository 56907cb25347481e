import { Col, Empty, Row, Skeleton, Statistic } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { caseStages, finalStages } from "@/modules/cases/utils/caseStages";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { Panel } from "@/modules/common/components/Panel";

import { useDashboard } from "../hooks/useDashboard";
import { ArrivalsTable } from "./ArrivalsTable";
import { StageCountList } from "./StageCountList";

// ECharts is most of this page's JavaScript: it loads after the figures, which render at once.
const NationalityChart = lazy(async () => ({ default: (await import("./NationalityChart")).NationalityChart }));

/** Show the first page after login: this week's inquiries, the pipeline, overdue work and arrivals. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useDashboard();

  if (error) {
    return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  }
  if (isPending) {
    return <Skeleton active paragraph={{ rows: 8 }} />;
  }

  const openCases = caseStages
    .filter((stage) => !finalStages.includes(stage))
    .reduce((sum, stage) => sum + (data.cases_per_stage[stage] ?? 0), 0);
  const hasNationalities = Object.keys(data.cases_by_nationality).length > 0;

  return (
    <>
      <h1 className="page-title">{t("nav.dashboard")}</h1>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Panel>
            <Statistic title={t("dashboard.newInquiries")} value={data.new_inquiries_this_week} />
          </Panel>
        </Col>
        <Col xs={24} md={8}>
          <Panel>
            <Statistic title={t("dashboard.openCases")} value={openCases} />
          </Panel>
        </Col>
        <Col xs={24} md={8}>
          <Panel>
            <Link to="/tasks?view=overdue">
              <Statistic
                title={t("dashboard.overdueTasks")}
                value={data.overdue_tasks}
                valueStyle={data.overdue_tasks > 0 ? { color: "#c62828" } : undefined}
              />
            </Link>
            <span className="secondary-text">{t("dashboard.myOverdue", { count: data.my_overdue_tasks })}</span>
          </Panel>
        </Col>

        <Col xs={24} lg={12}>
          <Panel title={t("dashboard.casesPerStage")}>
            <StageCountList counts={data.cases_per_stage} />
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title={t("dashboard.byNationality")}>
            {hasNationalities ? (
              <Suspense fallback={<Skeleton active />}>
                <NationalityChart counts={data.cases_by_nationality} />
              </Suspense>
            ) : (
              <Empty description={t("common.noData")} />
            )}
          </Panel>
        </Col>

        <Col span={24}>
          <Panel title={t("dashboard.arrivals")}>
            <ArrivalsTable arrivals={data.arrivals_next_14_days} />
          </Panel>
        </Col>
      </Row>
    </>
  );
}
