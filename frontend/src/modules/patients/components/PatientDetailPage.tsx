import { EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Result, Skeleton, Space, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";

import { ApiError } from "@/api/ApiError";
import { ActivityTimeline } from "@/modules/activities/components/ActivityTimeline";
import { QuickNoteForm } from "@/modules/activities/components/QuickNoteForm";
import { useCan } from "@/modules/auth/hooks/useCan";
import { CaseCreateModal } from "@/modules/cases/components/CaseCreateModal";
import { StageTag } from "@/modules/cases/components/StageTag";
import { useCases } from "@/modules/cases/hooks/useCases";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { QueryErrorResult } from "@/modules/common/components/QueryErrorResult";
import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { useHasFormDraft } from "@/modules/common/hooks/useHasFormDraft";
import { formatZonedTime } from "@/modules/common/utils/formatZonedTime";
import { timeZoneName } from "@/modules/common/utils/timeZoneName";
import { tokyoTimeZone } from "@/modules/common/utils/tokyoTimeZone";
import { useDepartmentName } from "@/modules/departments/hooks/useDepartmentName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { usePartner } from "@/modules/partners/hooks/usePartner";
import { TaskTable } from "@/modules/tasks/components/TaskTable";
import { useTasks } from "@/modules/tasks/hooks/useTasks";
import { useUserNames } from "@/modules/users/hooks/useUserNames";

import { usePatient } from "../hooks/usePatient";
import { usePatientTimeline } from "../hooks/usePatientTimeline";
import { patientDisplayName } from "../utils/patientDisplayName";
import { patientToFormValues } from "../utils/patientToFormValues";
import { DuplicateWarning } from "./DuplicateWarning";
import { PatientEditDrawer } from "./PatientEditDrawer";
import { PatientProfile } from "./PatientProfile";

/** Show one patient: the profile with masked protected fields, cases, timeline and tasks. */
export function PatientDetailPage() {
  const { patientId = "" } = useParams();
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const can = useCan();
  const departmentName = useDepartmentName();
  const patient = usePatient(patientId);
  const partner = usePartner(patient.data?.referring_partner_id, can("partners:read"));
  const cases = useCases({ patient_id: patientId, page_size: 100, sort: "-created_at" }, patient.isSuccess);
  const timeline = usePatientTimeline(patientId);
  const tasks = useTasks({ patient_id: patientId }, patient.isSuccess && can("tasks:read"));
  const userName = useUserNames((tasks.data?.items ?? []).map((task) => task.assignee_id));
  // A draft left when the session expired reopens the drawer, dialog or tab that held it.
  const hasEditDraft = useHasFormDraft("patient-edit");
  const hasCaseDraft = useHasFormDraft("case-create");
  const hasNoteDraft = useHasFormDraft("quick-note");
  const [editing, setEditing] = useState(hasEditDraft);
  const [creatingCase, setCreatingCase] = useState(hasCaseDraft);

  const mergedIntoId = patient.error instanceof ApiError && patient.error.code === "patient_merged" ? patient.error.details.merged_into_id : undefined;
  if (typeof mergedIntoId === "string") {
    return (
      <Result
        status="info"
        title={t("patients.mergedTitle")}
        subTitle={t("patients.mergedDetail")}
        extra={
          <Link to={`/patients/${mergedIntoId}`}>
            <Button type="primary">{t("patients.openMergedInto")}</Button>
          </Link>
        }
      />
    );
  }
  if (patient.error) {
    return <QueryErrorResult error={patient.error} onRetry={() => void patient.refetch()} />;
  }
  if (patient.isPending) {
    return <Skeleton active paragraph={{ rows: 10 }} />;
  }

  const data = patient.data;
  const partnerName = partner.data?.name ?? "";
  const timelineItems = timeline.data?.items ?? [];

  return (
    <>
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <div>
          <Typography.Title level={1} className="page-title" style={{ marginBottom: 0 }}>
            {patientDisplayName(data)}
          </Typography.Title>
          <Typography.Text type="secondary">
            {[countryName(data.nationality, language), formatDate(data.date_of_birth), t("common.createdAtValue", { time: formatTokyoDateTime(data.created_at) })]
              .filter(Boolean)
              .join(t("common.separator"))}
          </Typography.Text>
          {data.time_zone && data.time_zone !== tokyoTimeZone && (
            <div>
              <Typography.Text>{t("patients.localTimeNow", { time: formatZonedTime(new Date().toISOString(), data.time_zone), zone: timeZoneName(data.time_zone, language) })}</Typography.Text>
            </div>
          )}
        </div>
        {can("patients:write") && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
            {t("common.edit")}
          </Button>
        )}
      </div>

      <DuplicateWarning patientId={patientId} canMerge={can("patients:merge")} />

      <Tabs
        defaultActiveKey={hasNoteDraft ? "timeline" : "profile"}
        items={[
          { key: "profile", label: t("patients.tabs.profile"), children: <PatientProfile patient={data} partnerName={partnerName} /> },
          {
            key: "cases",
            label: t("patients.tabs.cases", { count: cases.data?.total ?? 0 }),
            children: (
              <>
                {can("cases:write") && (
                  <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setCreatingCase(true)}>
                    {t("cases.new")}
                  </Button>
                )}
                {cases.error ? (
                  <ErrorAlert error={cases.error} onRetry={() => void cases.refetch()} />
                ) : (
                  <Table
                    rowKey="id"
                    size="small"
                    loading={cases.isFetching}
                    dataSource={cases.data?.items ?? []}
                    pagination={false}
                    scroll={{ x: 640 }}
                    locale={{ emptyText: t("cases.empty") }}
                    columns={[
                      { key: "reference", title: t("cases.reference"), render: (_, row) => <Link to={`/cases/${row.id}`}>{row.reference}</Link> },
                      { key: "stage", title: t("cases.stage"), render: (_, row) => <StageTag stage={row.stage} /> },
                      { key: "department", title: t("cases.department"), render: (_, row) => departmentName(row.department_id) },
                      { key: "treatment", title: t("cases.requestedTreatment"), dataIndex: "requested_treatment", ellipsis: true },
                      { key: "arrival", title: t("cases.plannedArrival"), render: (_, row) => formatDate(row.planned_arrival_date) },
                    ]}
                  />
                )}
              </>
            ),
          },
          {
            key: "timeline",
            label: t("patients.tabs.timeline"),
            children: (
              <Space direction="vertical" size="large" style={{ width: "100%" }}>
                <Card size="small" title={t("activities.addTitle")}>
                  <QuickNoteForm patientId={patientId} />
                </Card>
                {timeline.error ? (
                  <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />
                ) : timeline.isPending ? (
                  <Skeleton active />
                ) : (
                  <ActivityTimeline activities={timelineItems} patientTimeZone={data.time_zone} />
                )}
              </Space>
            ),
          },
          ...(can("tasks:read")
            ? [
                {
                  key: "tasks",
                  label: t("patients.tabs.tasks"),
                  children: tasks.error ? (
                    <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
                  ) : (
                    <TaskTable tasks={tasks.data?.items ?? []} loading={tasks.isFetching} userName={userName} />
                  ),
                },
              ]
            : []),
        ]}
      />

      {editing && <PatientEditDrawer patientId={patientId} open={editing} initialValues={patientToFormValues(data)} onClose={() => setEditing(false)} />}
      <CaseCreateModal patientId={patientId} open={creatingCase} onClose={() => setCreatingCase(false)} />
    </>
  );
}
