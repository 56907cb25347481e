import { PlusOutlined } from "@ant-design/icons";
import { Button, Empty, Select, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import type { ApiResponse } from "@/api/types";
import { useCan } from "@/modules/auth/hooks/useCan";
import { type CaseStage, caseStages } from "@/modules/cases/utils/caseStages";
import { ColumnChooser } from "@/modules/common/components/ColumnChooser";
import { CountrySelect } from "@/modules/common/components/CountrySelect";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { ListSearchInput } from "@/modules/common/components/ListSearchInput";
import { usePageWithinTotal } from "@/modules/common/hooks/usePageWithinTotal";
import { useSearchParamState } from "@/modules/common/hooks/useSearchParamState";
import { useStoredColumns } from "@/modules/common/hooks/useStoredColumns";
import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { listPagination } from "@/modules/common/utils/listPagination";
import { listTableChange } from "@/modules/common/utils/listTableChange";
import { pageNumberParam } from "@/modules/common/utils/pageNumberParam";
import { sortOrderFor } from "@/modules/common/utils/sortOrderFor";
import { useDepartments } from "@/modules/departments/hooks/useDepartments";
import { departmentName } from "@/modules/departments/utils/departmentName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { PartnerPicker } from "@/modules/partners/components/PartnerPicker";
import { usePartnerNames } from "@/modules/partners/hooks/usePartnerNames";
import { UserPicker } from "@/modules/users/components/UserPicker";

import { type PatientListParams, usePatients } from "../hooks/usePatients";
import { patientDisplayName } from "../utils/patientDisplayName";
import { PatientExportButtons } from "./PatientExportButtons";

type PatientSummary = ApiResponse<"/api/v1/patients", "get">["items"][number];

const PAGE_SIZE = 50;
const DEFAULT_COLUMNS = ["name_latin", "name_kana", "nationality", "date_of_birth", "phones", "referring_partner_id", "created_at"];

/** Show the patient list: one search box for any script, filters, sorting, paging and column choice. */
export function PatientsPage() {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const can = useCan();
  const canReadPartners = can("partners:read");
  const canReadUsers = can("users:read");
  const [searchParams, update] = useSearchParamState();
  const [visibleColumns, setVisibleColumns] = useStoredColumns("hospital-crm.patients.columns", DEFAULT_COLUMNS);
  const departments = useDepartments();

  const page = pageNumberParam(searchParams);
  const sort = searchParams.get("sort") ?? "-created_at";
  const params: PatientListParams = {
    q: searchParams.get("q") ?? undefined,
    nationality: searchParams.get("nationality") ?? undefined,
    stage: (searchParams.get("stage") as CaseStage | null) ?? undefined,
    department_id: searchParams.get("department_id") ?? undefined,
    partner_id: searchParams.get("partner_id") ?? undefined,
    owner_id: searchParams.get("owner_id") ?? undefined,
    sort,
    page,
    page_size: PAGE_SIZE,
  };
  const { data, isFetching, error, refetch } = usePatients(params);
  usePageWithinTotal(data, page, PAGE_SIZE, update);

  const partnerName = usePartnerNames(
    (data?.items ?? []).map((patient) => patient.referring_partner_id),
    canReadPartners && visibleColumns.includes("referring_partner_id"),
  );

  const allColumns: ColumnsType<PatientSummary> = [
    {
      // Sorted by the passport spelling, the one name every patient has in the same script.
      key: "name_latin",
      title: t("patients.name"),
      sorter: true,
      sortOrder: sortOrderFor(sort, "name_latin"),
      render: (_, row) => <Link to={`/patients/${row.id}`}>{patientDisplayName(row)}</Link>,
    },
    { key: "name_kana", title: t("patients.nameKana"), dataIndex: "name_kana", sorter: true, sortOrder: sortOrderFor(sort, "name_kana") },
    {
      key: "nationality",
      title: t("patients.nationality"),
      className: "cell-nowrap",
      dataIndex: "nationality",
      sorter: true,
      sortOrder: sortOrderFor(sort, "nationality"),
      render: (code: string | null) => countryName(code, language),
    },
    {
      key: "date_of_birth",
      title: t("patients.dateOfBirth"),
      className: "cell-nowrap",
      dataIndex: "date_of_birth",
      sorter: true,
      sortOrder: sortOrderFor(sort, "date_of_birth"),
      render: (value: string | null) => formatDate(value),
    },
    { key: "sex", title: t("patients.sex"), className: "cell-nowrap", dataIndex: "sex", render: (sex: string) => t(`sex.${sex}`) },
    { key: "phones", title: t("patients.phone"), className: "cell-nowrap", render: (_, row) => row.phones?.[0]?.number ?? "" },
    { key: "email", title: t("patients.email"), dataIndex: "email" },
    { key: "country_of_residence", title: t("patients.residence"), className: "cell-nowrap", dataIndex: "country_of_residence", render: (code: string | null) => countryName(code, language) },
    // Partner users see only their own referrals and cannot read partner names, so the column would be empty.
    ...(canReadPartners
      ? [{ key: "referring_partner_id", title: t("patients.referringPartner"), dataIndex: "referring_partner_id", render: (id: string | null) => partnerName(id) }]
      : []),
    {
      key: "created_at",
      title: t("common.createdAt"),
      className: "cell-nowrap",
      dataIndex: "created_at",
      sorter: true,
      sortOrder: sortOrderFor(sort, "created_at"),
      render: (value: string) => formatTokyoDateTime(value),
    },
  ];
  const columns = allColumns.filter((column) => visibleColumns.includes(String(column.key)));

  return (
    <>
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <Typography.Title level={1} className="page-title">
          {t("nav.patients")}
        </Typography.Title>
        <div className="toolbar" style={{ marginBottom: 0 }}>
          <PatientExportButtons params={params} />
          {can("patients:write") && (
            <Link to="/patients/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t("patients.new")}
              </Button>
            </Link>
          )}
        </div>
      </div>

      <div className="toolbar">
        <ListSearchInput
          value={params.q}
          onSearch={(q) => update({ q })}
          placeholder={t("patients.searchPlaceholder")}
          label={t("patients.search")}
          width={420}
        />
        <CountrySelect
          placeholder={t("patients.nationality")}
          aria-label={t("patients.nationality")}
          value={params.nationality ?? undefined}
          onChange={(value) => update({ nationality: value })}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t("cases.stage")}
          aria-label={t("cases.stage")}
          value={params.stage ?? undefined}
          onChange={(value) => update({ stage: value })}
          options={caseStages.map((stage) => ({ value: stage, label: t(`stages.${stage}`) }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          placeholder={t("cases.department")}
          aria-label={t("cases.department")}
          value={params.department_id ?? undefined}
          onChange={(value) => update({ department_id: value })}
          options={(departments.data ?? []).map((department) => ({ value: department.id, label: departmentName(department, language) }))}
          style={{ width: 160 }}
        />
        {canReadPartners && (
          <PartnerPicker
            allowClear
            placeholder={t("patients.referringPartner")}
            aria-label={t("patients.referringPartner")}
            value={params.partner_id ?? undefined}
            onChange={(value) => update({ partner_id: value })}
            style={{ width: 180 }}
          />
        )}
        {canReadUsers && (
          <UserPicker
            allowClear
            placeholder={t("cases.owner")}
            aria-label={t("cases.owner")}
            value={params.owner_id ?? undefined}
            onChange={(value) => update({ owner_id: value })}
            style={{ width: 160 }}
          />
        )}
        <ColumnChooser
          options={allColumns.map((column) => ({ value: String(column.key), label: String(column.title) }))}
          value={visibleColumns}
          onChange={setVisibleColumns}
        />
      </div>

      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<PatientSummary>
          rowKey="id"
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={data?.items ?? []}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={params.q ? t("patients.noMatch") : t("patients.empty")} /> }}
          pagination={listPagination(t, data, page, PAGE_SIZE)}
          onChange={listTableChange<PatientSummary>(update)}
        />
      )}
    </>
  );
}
