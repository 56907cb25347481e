import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { guarantorRegistries, partnerKinds } from "@/api/enums";
import { Button, Drawer, Empty, Form, Input, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ApiResponse } from "@/api/types";
import { CountrySelect } from "@/modules/common/components/CountrySelect";
import { ActiveStatusSelect } from "@/modules/common/components/ActiveStatusSelect";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { ListSearchInput } from "@/modules/common/components/ListSearchInput";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { usePageWithinTotal } from "@/modules/common/hooks/usePageWithinTotal";
import { useSearchParamState } from "@/modules/common/hooks/useSearchParamState";
import { useUnsavedChangesWarning } from "@/modules/common/hooks/useUnsavedChangesWarning";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { booleanParam } from "@/modules/common/utils/booleanParam";
import { countryName } from "@/modules/common/utils/countryName";
import { languageCodes } from "@/modules/common/utils/languageCodes";
import { languageName } from "@/modules/common/utils/languageName";
import { listPagination } from "@/modules/common/utils/listPagination";
import { listTableChange } from "@/modules/common/utils/listTableChange";
import { pageNumberParam } from "@/modules/common/utils/pageNumberParam";
import { sortOrderFor } from "@/modules/common/utils/sortOrderFor";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { type PartnerListParams, usePartners } from "@/modules/partners/hooks/usePartners";
import { type PartnerCreateBody, useSavePartner } from "@/modules/partners/hooks/useSavePartner";

type Partner = ApiResponse<"/api/v1/partners", "get">["items"][number];

const PAGE_SIZE = 50;
const DEFAULT_SORT = "name";

/** Partner organizations: agencies, facilitators and guarantor organizations with their contacts, searchable and paged. */
export function PartnersAdminPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const { language } = useUiLanguage();
  const [searchParams, update] = useSearchParamState();

  const page = pageNumberParam(searchParams);
  const sort = searchParams.get("sort") ?? DEFAULT_SORT;
  const kindParam = searchParams.get("kind");
  const params: PartnerListParams = {
    q: searchParams.get("q") || undefined,
    kind: partnerKinds.find((value) => value === kindParam),
    active: booleanParam(searchParams.get("active")),
    sort,
    page,
    page_size: PAGE_SIZE,
  };
  const filtered = Boolean(params.q) || params.kind !== undefined || params.active !== undefined;
  const partners = usePartners(params);
  usePageWithinTotal(partners.data, page, PAGE_SIZE, update);
  const savePartner = useSavePartner();
  const [form] = Form.useForm<PartnerCreateBody>();
  const [editing, setEditing] = useState<Partner | "new" | null>(null);
  const [dirty, setDirty] = useState(false);
  const kind = Form.useWatch("kind", form);
  useUnsavedChangesWarning(editing !== null && dirty);

  const close = () => {
    setEditing(null);
    setDirty(false);
  };

  const onFinish = (values: PartnerCreateBody) => {
    savePartner.mutate(
      { partnerId: editing && editing !== "new" ? editing.id : undefined, body: values },
      {
        onSuccess: () => {
          void message.success(t("common.saved"));
          close();
        },
        onError: (error) => {
          applyApiFieldErrors(form, error, t);
          void message.error(translateApiError(error, t));
        },
      },
    );
  };

  return (
    <>
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <Typography.Title level={1} className="page-title">
          {t("nav.partners")}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
          {t("admin.partners.new")}
        </Button>
      </div>

      <div className="toolbar">
        <ListSearchInput
          value={params.q}
          onSearch={(q) => update({ q })}
          placeholder={t("admin.partners.searchPlaceholder")}
          label={t("admin.partners.search")}
          width={380}
        />
        <Select
          allowClear
          placeholder={t("admin.partners.kind")}
          aria-label={t("admin.partners.kindFilter")}
          value={params.kind}
          onChange={(value) => update({ kind: value })}
          options={partnerKinds.map((value) => ({ value, label: t(`partnerKinds.${value}`) }))}
          style={{ width: 240 }}
        />
        <ActiveStatusSelect value={params.active} onChange={(active) => update({ active })} />
      </div>

      {partners.error ? (
        <ErrorAlert error={partners.error} onRetry={() => void partners.refetch()} />
      ) : (
        <Table<Partner>
          rowKey="id"
          size="middle"
          loading={partners.isFetching}
          dataSource={partners.data?.items ?? []}
          pagination={listPagination(t, partners.data, page, PAGE_SIZE)}
          scroll={{ x: 800 }}
          locale={{ emptyText: <Empty description={filtered ? t("admin.partners.noMatch") : t("admin.partners.empty")} /> }}
          onChange={listTableChange<Partner>(update)}
          columns={[
            {
              key: "name",
              title: t("admin.partners.name"),
              sorter: true,
              sortOrder: sortOrderFor(sort, "name"),
              render: (_, partner) => <Button type="link" onClick={() => setEditing(partner)}>{partner.name}</Button>,
            },
            { key: "kind", title: t("admin.partners.kind"), render: (_, partner) => t(`partnerKinds.${partner.kind}`) },
            { key: "country", title: t("admin.partners.country"), render: (_, partner) => countryName(partner.country, language) },
            { key: "languages", title: t("admin.partners.languages"), render: (_, partner) => (partner.languages ?? []).map((code) => languageName(code, language)).join("、") },
            { key: "contacts", title: t("admin.partners.contacts"), render: (_, partner) => (partner.contacts ?? []).map((contact) => contact.name).join("、") },
            { key: "active", title: t("admin.users.active"), render: (_, partner) => (partner.active ? <Tag color="green">{t("common.active")}</Tag> : <Tag>{t("common.inactive")}</Tag>) },
          ]}
        />
      )}
      <Drawer
        open={editing !== null}
        width={Math.min(640, window.innerWidth)}
        title={editing === "new" ? t("admin.partners.new") : t("admin.partners.edit")}
        onClose={close}
        destroyOnClose
        extra={
          <Button type="primary" loading={savePartner.isPending} onClick={() => form.submit()}>
            {t("common.save")}
          </Button>
        }
      >
        <Form<PartnerCreateBody>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={editing && editing !== "new" ? editing : { kind: "agency", active: true, contacts: [], languages: [] }}
          onValuesChange={() => setDirty(true)}
          onFinish={onFinish}
        >
          <Form.Item name="name" label={t("admin.partners.name")} rules={[{ required: true, whitespace: true, message: t("fieldErrors.missing") }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label={t("admin.partners.kind")}>
            <Select options={partnerKinds.map((value) => ({ value, label: t(`partnerKinds.${value}`) }))} />
          </Form.Item>
          <Form.Item name="country" label={t("admin.partners.country")}>
            <CountrySelect />
          </Form.Item>
          <Form.Item name="languages" label={t("admin.partners.languages")}>
            <Select mode="tags" options={languageCodes.map((code) => ({ value: code, label: `${languageName(code, language)} (${code})` }))} />
          </Form.Item>
          {kind === "guarantor_organization" && (
            <>
              <Form.Item name="guarantor_registry" label={t("admin.partners.registrationList")}>
                <Select allowClear options={guarantorRegistries.map((value) => ({ value, label: t(`guarantorRegistries.${value}`) }))} />
              </Form.Item>
              <Form.Item name="guarantor_registration_number" label={t("admin.partners.registrationNumber")}>
                <Input />
              </Form.Item>
            </>
          )}
          <Typography.Text strong>{t("admin.partners.contacts")}</Typography.Text>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} wrap align="baseline" style={{ display: "flex" }}>
                    <Form.Item name={[field.name, "name"]} rules={[{ required: true, message: t("fieldErrors.missing") }]}>
                      <Input placeholder={t("patients.contactName")} aria-label={t("patients.contactName")} />
                    </Form.Item>
                    <Form.Item name={[field.name, "email"]}>
                      <Input placeholder={t("patients.email")} aria-label={t("patients.email")} />
                    </Form.Item>
                    <Form.Item name={[field.name, "phone"]}>
                      <Input placeholder={t("patients.phone")} aria-label={t("patients.phone")} />
                    </Form.Item>
                    <Form.Item name={[field.name, "role"]}>
                      <Input placeholder={t("admin.partners.contactRole")} aria-label={t("admin.partners.contactRole")} />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("common.remove")} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16, marginTop: 8 }}>
                  {t("admin.partners.addContact")}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="notes" label={t("patients.notes")}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="active" label={t("admin.users.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Drawer>
    </>
  );
}
