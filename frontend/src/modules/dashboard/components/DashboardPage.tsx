import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { caseStages } from "@/modules/cases/utils/caseStages";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";

import { useDashboard } from "../hooks/useDashboard";
import { ArrivalsTable } from "./ArrivalsTable";
import { StageCountList } from "./StageCountList";

// ECharts is most of this page's JavaScript: it loads after the figures, which render at once.
const NationalityChart = lazy(async () => ({ default: (await import("./NationalityChart")).NationalityChart }));

const CLOSED_STAGES = ["closed", "lost", "cancelled"];

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
    .filter((stage) => !CLOSED_STAGES.includes(stage))
    .reduce((sum, stage) => sum + (data.cases_per_stage[stage] ?? 0), 0);
  const hasNationalities = Object.keys(data.cases_by_nationality).length > 0;

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t("nav.dashboard")}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t("dashboard.newInquiries")} value={data.new_inquiries_this_week} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title={t("dashboard.openCases")} value={openCases} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Link to="/tasks?view=overdue">
              <Statistic
                title={t("dashboard.overdueTasks")}
                value={data.overdue_tasks}
                valueStyle={data.overdue_tasks > 0 ? { color: "#c62828" } : undefined}
              />
            </Link>
            <Typography.Text type="secondary">{t("dashboard.myOverdue", { count: data.my_overdue_tasks })}</Typography.Text>
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <Card title={t("dashboard.casesPerStage")}>
            <StageCountList counts={data.cases_per_stage} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("dashboard.byNationality")}>
            {hasNationalities ? (
              <Suspense fallback={<Skeleton active />}>
                <NationalityChart counts={data.cases_by_nationality} />
              </Suspense>
            ) : (
              <Empty description={t("common.noData")} />
            )}
          </Card>
        </Col>

        <Col span={24}>
          <Card title={t("dashboard.arrivals")}>
            <ArrivalsTable arrivals={data.arrivals_next_14_days} />
          </Card>
        </Col>
      </Row>
    </>
  );
}
