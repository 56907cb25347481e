import { EditOutlined } from "@ant-design/icons";
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";

import { ActivityTimeline } from "@/modules/activities/components/ActivityTimeline";
import { QuickNoteForm } from "@/modules/activities/components/QuickNoteForm";
import { useActivities } from "@/modules/activities/hooks/useActivities";
import { useCan } from "@/modules/auth/hooks/useCan";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { QueryErrorResult } from "@/modules/common/components/QueryErrorResult";
import { useHasFormDraft } from "@/modules/common/hooks/useHasFormDraft";
import { formatDate } from "@/modules/common/utils/formatDate";
import { formatDuration } from "@/modules/common/utils/formatDuration";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { useDepartmentName } from "@/modules/departments/hooks/useDepartmentName";
import { usePartnerNames } from "@/modules/partners/hooks/usePartnerNames";
import { patientDisplayName } from "@/modules/patients/utils/patientDisplayName";
import { TaskCreateForm } from "@/modules/tasks/components/TaskCreateForm";
import { TaskTable } from "@/modules/tasks/components/TaskTable";
import { useTasks } from "@/modules/tasks/hooks/useTasks";
import { useUserNames } from "@/modules/users/hooks/useUserNames";

import { useCase } from "../hooks/useCase";
import { useCaseStageHistory } from "../hooks/useCaseStageHistory";
import { CaseEditDrawer } from "./CaseEditDrawer";
import { StageChanger } from "./StageChanger";
import { StageHistoryTable } from "./StageHistoryTable";
import { StageTag } from "./StageTag";

/** Show one case: its fields, stage controls, stage history with time per stage, activities, tasks and a note box. */
export function CaseDetailPage() {
  const { caseId = "" } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const departmentName = useDepartmentName();
  const caseQuery = useCase(caseId);
  const history = useCaseStageHistory(caseId);
  const activities = useActivities({ case_id: caseId });
  const tasks = useTasks({ case_id: caseId }, caseQuery.isSuccess && can("tasks:read"));
  // A draft left when the session expired reopens the drawer that held it.
  const hasEditDraft = useHasFormDraft("case-edit");
  const [editing, setEditing] = useState(hasEditDraft);
  const partnerName = usePartnerNames([caseQuery.data?.referring_partner_id, caseQuery.data?.guarantor_organization_id], can("partners:read"));
  const userName = useUserNames([
    caseQuery.data?.owner_id,
    ...(history.data ?? []).map((change) => change.changed_by_id),
    ...(tasks.data?.items ?? []).map((task) => task.assignee_id),
  ]);

  if (caseQuery.error) {
    return <QueryErrorResult error={caseQuery.error} onRetry={() => void caseQuery.refetch()} />;
  }
  if (caseQuery.isPending) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }

  const data = caseQuery.data;
  const changes = history.data ?? [];
  const activityItems = activities.data?.items ?? [];
  const secondsInStage = Math.max(0, (Date.now() - new Date(data.stage_changed_at).getTime()) / 1000);

  return (
    <>
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <div>
          <Typography.Title level={1} className="page-title" style={{ marginBottom: 0 }}>
            {t("cases.title", { reference: data.reference })} <StageTag stage={data.stage} />
          </Typography.Title>
          <Link to={`/patients/${data.patient.id}`}>{patientDisplayName(data.patient)}</Link>
          <Typography.Text type="secondary">
            {t("common.separator")}
            {t("cases.inStageFor", { duration: formatDuration(secondsInStage, t) })}
          </Typography.Text>
        </div>
        <Space wrap>
          {can("cases:write") && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t("common.edit")}
            </Button>
          )}
          {can("cases:move_stage") && <StageChanger caseId={caseId} stage={data.stage} />}
        </Space>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <Card size="small" title={t("cases.details")}>
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t("cases.department")}>{departmentName(data.department_id)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.requestedTreatment")}>{data.requested_treatment}</Descriptions.Item>
              <Descriptions.Item label={t("cases.receivedOn")}>{formatDate(data.received_on)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.channel")}>{data.channel ? t(`channels.${data.channel}`, { defaultValue: data.channel }) : ""}</Descriptions.Item>
              <Descriptions.Item label={t("cases.priority")}>{t(`priority.${data.priority}`)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.owner")}>{userName(data.owner_id)}</Descriptions.Item>
              <Descriptions.Item label={t("patients.referringPartner")}>{partnerName(data.referring_partner_id)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.guarantorOrganization")}>{partnerName(data.guarantor_organization_id)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.desiredDates")}>
                {[formatDate(data.desired_date_from), formatDate(data.desired_date_to)].filter(Boolean).join(" 〜 ")}
              </Descriptions.Item>
              <Descriptions.Item label={t("cases.plannedArrival")}>{formatDate(data.planned_arrival_date)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.plannedDeparture")}>{formatDate(data.planned_departure_date)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.estimatedValue")}>
                {data.estimated_value !== null && data.estimated_value !== undefined ? `${Number(data.estimated_value).toLocaleString()} ${data.currency ?? ""}` : ""}
              </Descriptions.Item>
              {data.lost_reason && <Descriptions.Item label={t("cases.lostReason")}>{data.lost_reason}</Descriptions.Item>}
              <Descriptions.Item label={t("common.createdAt")}>{formatTokyoDateTime(data.created_at)}</Descriptions.Item>
              <Descriptions.Item label={t("cases.notes")}>
                <span style={{ whiteSpace: "pre-wrap" }}>{data.notes}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card size="small" title={t("cases.stageHistory")}>
            {history.error ? <ErrorAlert error={history.error} onRetry={() => void history.refetch()} /> : history.isPending ? <Skeleton active /> : <StageHistoryTable changes={changes} userName={userName} />}
          </Card>
        </Col>

        {can("tasks:read") && (
          <Col span={24}>
            <Card size="small" title={t("nav.tasks")}>
              {can("tasks:write") && <TaskCreateForm patientId={data.patient.id} caseId={caseId} />}
              {tasks.error ? (
                <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
              ) : (
                <TaskTable tasks={tasks.data?.items ?? []} loading={tasks.isFetching} userName={userName} />
              )}
            </Card>
          </Col>
        )}

        <Col span={24}>
          <Card size="small" title={t("activities.title")}>
            <Space direction="vertical" size="large" style={{ width: "100%" }}>
              <QuickNoteForm patientId={data.patient.id} caseId={caseId} />
              {activities.error ? (
                <ErrorAlert error={activities.error} onRetry={() => void activities.refetch()} />
              ) : activities.isPending ? (
                <Skeleton active />
              ) : (
                <ActivityTimeline activities={activityItems} />
              )}
            </Space>
          </Card>
        </Col>
      </Row>
      {editing && <CaseEditDrawer item={data} open={editing} onClose={() => setEditing(false)} />}
    </>
  );
}
