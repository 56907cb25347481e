import { Button, Drawer, Form, Input, InputNumber, Modal, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { channels, priorities } from "@/api/enums";
import type { ApiResponse } from "@/api/types";
import { useCan } from "@/modules/auth/hooks/useCan";
import { FormDatePicker } from "@/modules/common/components/FormDatePicker";
import { FormDateRangePicker } from "@/modules/common/components/FormDateRangePicker";
import { useFormDraft } from "@/modules/common/hooks/useFormDraft";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { useUnsavedChangesWarning } from "@/modules/common/hooks/useUnsavedChangesWarning";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { useDepartments } from "@/modules/departments/hooks/useDepartments";
import { departmentName } from "@/modules/departments/utils/departmentName";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { PartnerPicker } from "@/modules/partners/components/PartnerPicker";
import { UserPicker } from "@/modules/users/components/UserPicker";

import { type CaseUpdateBody, useUpdateCase } from "../hooks/useUpdateCase";

type Case = ApiResponse<"/api/v1/cases/{case_id}", "get">;

type CaseFormValues = Omit<CaseUpdateBody, "desired_date_from" | "desired_date_to" | "planned_arrival_date" | "planned_departure_date" | "received_on" | "estimated_value"> & {
  desired_dates?: [Dayjs, Dayjs] | null;
  received_on?: Dayjs | null;
  planned_arrival_date?: Dayjs | null;
  planned_departure_date?: Dayjs | null;
  estimated_value?: number | null;
};

const toDay = (value: string | null | undefined) => (value ? dayjs(value) : null);
const toIso = (value: Dayjs | null | undefined) => (value ? value.format("YYYY-MM-DD") : null);

function toFormValues(item: Case): CaseFormValues {
  return {
    department_id: item.department_id,
    requested_treatment: item.requested_treatment,
    channel: item.channel,
    priority: item.priority,
    owner_id: item.owner_id,
    referring_partner_id: item.referring_partner_id,
    guarantor_organization_id: item.guarantor_organization_id,
    desired_dates: item.desired_date_from && item.desired_date_to ? [dayjs(item.desired_date_from), dayjs(item.desired_date_to)] : null,
    planned_arrival_date: toDay(item.planned_arrival_date),
    planned_departure_date: toDay(item.planned_departure_date),
    received_on: toDay(item.received_on),
    estimated_value: item.estimated_value === null ? null : Number(item.estimated_value),
    currency: item.currency,
    notes: item.notes,
  };
}

export type CaseEditDrawerProps = {
  item: Case;
  open: boolean;
  onClose: () => void;
};

/** Edit a case's department, owner, dates, value and notes in a side drawer. */
export function CaseEditDrawer({ item, open, onClose }: CaseEditDrawerProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const { language } = useUiLanguage();
  const can = useCan();
  const [form] = Form.useForm<CaseFormValues>();
  const departments = useDepartments();
  const updateCase = useUpdateCase(item.id);
  const draft = useFormDraft(form, "case-edit");
  const [dirty, setDirty] = useState(draft.restored);
  useUnsavedChangesWarning(open && dirty, draft.clear);

  const close = () => {
    draft.clear();
    setDirty(false);
    onClose();
  };
  const requestClose = () => {
    if (!dirty) {
      close();
      return;
    }
    Modal.confirm({ title: t("common.unsavedTitle"), content: t("common.unsavedBody"), okText: t("common.discard"), cancelText: t("common.stay"), onOk: close });
  };

  const onFinish = ({ desired_dates, planned_arrival_date, planned_departure_date, received_on, ...rest }: CaseFormValues) => {
    const body: CaseUpdateBody = {
      ...rest,
      desired_date_from: toIso(desired_dates?.[0]),
      desired_date_to: toIso(desired_dates?.[1]),
      planned_arrival_date: toIso(planned_arrival_date),
      planned_departure_date: toIso(planned_departure_date),
      received_on: toIso(received_on),
    };
    updateCase.mutate(body, {
      onSuccess: () => {
        void message.success(t("common.saved"));
        close();
      },
      onError: (error) => {
        applyApiFieldErrors(form, error, t);
        void message.error(translateApiError(error, t));
      },
    });
  };

  return (
    <Drawer
      open={open}
      width={Math.min(640, window.innerWidth)}
      title={t("cases.edit")}
      onClose={requestClose}
      destroyOnClose
      extra={
        <Button type="primary" loading={updateCase.isPending} onClick={() => form.submit()}>
          {t("common.save")}
        </Button>
      }
    >
      <Form<CaseFormValues>
        form={form}
        layout="vertical"
        initialValues={toFormValues(item)}
        onValuesChange={(_, values) => {
          setDirty(true);
          draft.save(values);
        }}
        onFinish={onFinish}
      >
        <Form.Item name="department_id" label={t("cases.department")}>
          <Select allowClear options={(departments.data ?? []).map((department) => ({ value: department.id, label: departmentName(department, language) }))} />
        </Form.Item>
        <Form.Item name="requested_treatment" label={t("cases.requestedTreatment")}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="channel" label={t("cases.channel")}>
          <Select options={channels.map((value) => ({ value, label: t(`channels.${value}`) }))} />
        </Form.Item>
        <Form.Item name="priority" label={t("cases.priority")}>
          <Select options={priorities.map((value) => ({ value, label: t(`priority.${value}`) }))} />
        </Form.Item>
        {can("users:read") && (
          <Form.Item name="owner_id" label={t("cases.owner")}>
            <UserPicker allowClear />
          </Form.Item>
        )}
        {can("partners:read") && (
          <>
            <Form.Item name="referring_partner_id" label={t("patients.referringPartner")}>
              <PartnerPicker allowClear />
            </Form.Item>
            <Form.Item name="guarantor_organization_id" label={t("cases.guarantorOrganization")}>
              <PartnerPicker allowClear kind="guarantor_organization" />
            </Form.Item>
          </>
        )}
        <Form.Item name="received_on" label={t("cases.receivedOn")}>
          <FormDatePicker format={["YYYY/MM/DD", "YYYY-MM-DD"]} disabledDate={(day) => day.isAfter(dayjs(), "day")} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="desired_dates" label={t("cases.desiredDates")}>
          <FormDateRangePicker format="YYYY/MM/DD" style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="planned_arrival_date" label={t("cases.plannedArrival")}>
          <FormDatePicker format={["YYYY/MM/DD", "YYYY-MM-DD"]} placeholder={t("patients.datePlaceholder")} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item name="planned_departure_date" label={t("cases.plannedDeparture")}>
          <FormDatePicker format={["YYYY/MM/DD", "YYYY-MM-DD"]} placeholder={t("patients.datePlaceholder")} style={{ width: "100%" }} />
        </Form.Item>
        <Form.Item label={t("cases.estimatedValue")} style={{ marginBottom: 0 }}>
          <Input.Group compact>
            <Form.Item name="estimated_value" noStyle>
              <InputNumber min={0} style={{ width: "60%" }} aria-label={t("cases.estimatedValue")} />
            </Form.Item>
            <Form.Item name="currency" noStyle>
              <Input style={{ width: "40%" }} placeholder="JPY" maxLength={3} aria-label={t("cases.currency")} />
            </Form.Item>
          </Input.Group>
        </Form.Item>
        <Form.Item name="notes" label={t("cases.notes")} style={{ marginTop: 24 }}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
