import { PlusOutlined } from "@ant-design/icons";
import { Button, Empty, Form, Input, InputNumber, Modal, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import type { ApiResponse } from "@/api/types";
import { ErrorAlert } from "@/modules/common/components/ErrorAlert";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { applyApiFieldErrors } from "@/modules/common/utils/applyApiFieldErrors";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { useDepartments } from "@/modules/departments/hooks/useDepartments";
import { type DepartmentCreateBody, useSaveDepartment } from "@/modules/departments/hooks/useSaveDepartment";

type Department = ApiResponse<"/api/v1/departments", "get">[number];

// The API's pattern for a department code (DepartmentCreate.code).
const DEPARTMENT_CODE_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Clinical departments with their names in Japanese, English and Chinese. */
export function DepartmentsAdminPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const departments = useDepartments(true);
  const saveDepartment = useSaveDepartment();
  const [form] = Form.useForm<DepartmentCreateBody>();
  const [editing, setEditing] = useState<Department | "new" | null>(null);

  const onFinish = (values: DepartmentCreateBody) => {
    saveDepartment.mutate(
      { departmentId: editing && editing !== "new" ? editing.id : undefined, body: values },
      {
        onSuccess: () => {
          void message.success(t("common.saved"));
          setEditing(null);
        },
        onError: (error) => {
          applyApiFieldErrors(form, error, t, {}, { code: { string_pattern_mismatch: "admin.departments.codeFormat" } });
          void message.error(translateApiError(error, t));
        },
      },
    );
  };

  return (
    <>
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <Typography.Title level={1} className="page-title">
          {t("nav.departments")}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")}>
          {t("admin.departments.new")}
        </Button>
      </div>
      {departments.error ? (
        <ErrorAlert error={departments.error} onRetry={() => void departments.refetch()} />
      ) : (
        <Table<Department>
          rowKey="id"
          size="middle"
          loading={departments.isFetching}
          dataSource={departments.data ?? []}
          pagination={false}
          scroll={{ x: 700 }}
          locale={{ emptyText: <Empty description={t("common.noData")} /> }}
          columns={[
            { key: "code", title: t("admin.departments.code"), render: (_, department) => <Button type="link" onClick={() => setEditing(department)}>{department.code}</Button> },
            { key: "name_ja", title: t("admin.departments.nameJa"), dataIndex: "name_ja" },
            { key: "name_en", title: t("admin.departments.nameEn"), dataIndex: "name_en" },
            { key: "name_zh", title: t("admin.departments.nameZh"), dataIndex: "name_zh" },
            { key: "sort_order", title: t("admin.departments.sortOrder"), dataIndex: "sort_order", align: "right" },
            { key: "active", title: t("admin.users.active"), render: (_, department) => (department.active ? <Tag color="green">{t("common.active")}</Tag> : <Tag>{t("common.inactive")}</Tag>) },
          ]}
        />
      )}
      <Modal
        open={editing !== null}
        title={editing === "new" ? t("admin.departments.new") : t("admin.departments.edit")}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={saveDepartment.isPending}
        onOk={() => form.submit()}
        onCancel={() => setEditing(null)}
        destroyOnClose
      >
        <Form<DepartmentCreateBody> form={form} layout="vertical" preserve={false} initialValues={editing && editing !== "new" ? editing : { active: true, sort_order: 0 }} onFinish={onFinish}>
          <Form.Item
            name="code"
            label={t("admin.departments.code")}
            rules={[
              { required: true, whitespace: true, message: t("fieldErrors.missing") },
              { pattern: DEPARTMENT_CODE_PATTERN, message: t("admin.departments.codeFormat") },
            ]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="name_ja" label={t("admin.departments.nameJa")} rules={[{ required: true, whitespace: true, message: t("fieldErrors.missing") }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="name_en" label={t("admin.departments.nameEn")} rules={[{ required: true, whitespace: true, message: t("fieldErrors.missing") }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="name_zh" label={t("admin.departments.nameZh")}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="sort_order" label={t("admin.departments.sortOrder")}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="active" label={t("admin.users.active")} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
