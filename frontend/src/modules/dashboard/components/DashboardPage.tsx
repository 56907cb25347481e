import { Card, Col, Empty, Row, Skeleton, Statistic, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import { StageTag } from "@/modules/cases/components/StageTag";
import { type CaseStage, caseStages } from "@/modules/cases/utils/caseStages";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { useDepartmentName } from "@/modules/departments/hooks/useDepartmentName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { patientDisplayName } from "@/modules/patients/utils/patientDisplayName";

import { useDashboard } from "../hooks/useDashboard";
import { NationalityChart } from "./NationalityChart";

/** The first page after login: this week's inquiries, the pipeline, overdue work and arrivals. */
export function DashboardPage() {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const departmentName = useDepartmentName();
  const { data, isPending, error, refetch } = useDashboard();

  if (error) {
    return <ErrorAlert error={error} onRetry={() => void refetch()} />;
  }
  if (isPending) {
    return <Skeleton active paragraph={{ rows: 8 }} />;
  }

  const openCases = caseStages
    .filter((stage) => !["closed", "lost", "cancelled"].includes(stage))
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
            <Table
              size="small"
              pagination={false}
              rowKey="stage"
              dataSource={caseStages.map((stage) => ({ stage, count: data.cases_per_stage[stage] ?? 0 }))}
              columns={[
                {
                  title: t("cases.stage"),
                  dataIndex: "stage",
                  render: (stage: CaseStage) => (
                    <Link to={`/pipeline?view=table&stage=${stage}`}>
                      <StageTag stage={stage} />
                    </Link>
                  ),
                },
                { title: t("dashboard.cases"), dataIndex: "count", align: "right" },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t("dashboard.byNationality")}>
            {hasNationalities ? <NationalityChart counts={data.cases_by_nationality} /> : <Empty description={t("common.noData")} />}
          </Card>
        </Col>

        <Col span={24}>
          <Card title={t("dashboard.arrivals")}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.arrivals_next_14_days}
              locale={{ emptyText: <Empty description={t("dashboard.noArrivals")} /> }}
              scroll={{ x: 720 }}
              columns={[
                { title: t("cases.plannedArrival"), dataIndex: "planned_arrival_date", render: (value: string | null) => formatDate(value), width: 120 },
                {
                  title: t("cases.reference"),
                  dataIndex: "reference",
                  render: (reference: string, row) => <Link to={`/cases/${row.id}`}>{reference}</Link>,
                },
                {
                  title: t("patients.name"),
                  key: "patient",
                  render: (_, row) => <Link to={`/patients/${row.patient.id}`}>{patientDisplayName(row.patient)}</Link>,
                },
                { title: t("patients.nationality"), key: "nationality", render: (_, row) => countryName(row.patient.nationality, language) },
                { title: t("cases.department"), dataIndex: "department_id", render: (id: string | null) => departmentName(id) },
                { title: t("cases.stage"), dataIndex: "stage", render: (stage: CaseStage) => <StageTag stage={stage} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
