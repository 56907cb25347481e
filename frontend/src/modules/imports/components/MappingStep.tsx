import { Button, Checkbox, Input, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useMessage } from "@/modules/common/hooks/useMessage";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { useImportFields } from "../hooks/useImportFields";
import { useSavedMappings } from "../hooks/useSavedMappings";
import { useSaveMapping } from "../hooks/useSaveMapping";
import type { ImportOptionsBody } from "../hooks/useStartImport";
import { fieldLabel } from "../utils/fieldLabel";

type Mapping = NonNullable<ImportOptionsBody["mapping"]>;
type FieldName = NonNullable<Mapping[string]>;
type DuplicatePolicy = NonNullable<ImportOptionsBody["on_duplicate"]>;

export type SheetColumn = {
  index: number;
  header: string;
  field: FieldName | null;
  source: string;
};

export type MappingStepProps = {
  columns: SheetColumn[];
  /** Columns the user mapped by hand; the others keep the server's automatic mapping. */
  overrides: Mapping;
  onDuplicate: DuplicatePolicy;
  createCases: boolean;
  onChange: (next: { overrides: Mapping; onDuplicate: DuplicatePolicy; createCases: boolean }) => void;
  onBack: () => void;
  onNext: () => void;
};

// The Select's value for "do not import this column"; the API takes null for it.
const IGNORE = "__ignore__";

/** Review and change which patient field each sheet column fills, and how duplicates are handled. */
export function MappingStep({ columns, overrides, onDuplicate, createCases, onChange, onBack, onNext }: MappingStepProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const { language } = useUiLanguage();
  const fields = useImportFields();
  const savedMappings = useSavedMappings();
  const saveMapping = useSaveMapping();
  const [mappingName, setMappingName] = useState("");

  const valueOf = (column: SheetColumn): string | undefined => {
    if (column.header in overrides) return overrides[column.header] ?? IGNORE;
    return column.field ?? undefined;
  };
  const setField = (header: string, value: string | undefined) => {
    const field = value === undefined || value === IGNORE ? null : (value as FieldName);
    onChange({ overrides: { ...overrides, [header]: field }, onDuplicate, createCases });
  };
  const applySaved = (name: string) => {
    const saved = savedMappings.data?.find((mapping) => mapping.name === name);
    if (saved) onChange({ overrides: saved.mapping as Mapping, onDuplicate, createCases });
  };
  const onSave = () => {
    const mapping: Mapping = Object.fromEntries(columns.map((column) => [column.header, (valueOf(column) === IGNORE ? null : valueOf(column)) ?? null])) as Mapping;
    saveMapping.mutate(
      { name: mappingName.trim(), mapping },
      {
        onSuccess: () => void message.success(t("imports.mappingSaved")),
        onError: (error) => void message.error(translateApiError(error, t)),
      },
    );
  };

  const fieldOptions = [
    { value: IGNORE, label: t("imports.ignoreColumn") },
    ...(fields.data ?? []).map((field) => ({ value: field.field, label: fieldLabel(field, language) })),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={t("imports.useSavedMapping")}
          aria-label={t("imports.useSavedMapping")}
          style={{ width: 240 }}
          onChange={(name: string | undefined) => name && applySaved(name)}
          options={(savedMappings.data ?? []).map((mapping) => ({ value: mapping.name, label: mapping.name }))}
        />
        <Input placeholder={t("imports.mappingName")} aria-label={t("imports.mappingName")} value={mappingName} onChange={(event) => setMappingName(event.target.value)} style={{ width: 200 }} />
        <Button disabled={mappingName.trim() === ""} loading={saveMapping.isPending} onClick={onSave}>
          {t("imports.saveMapping")}
        </Button>
      </Space>

      <Table<SheetColumn>
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={columns}
        loading={fields.isPending}
        columns={[
          { key: "header", title: t("imports.sheetColumn"), render: (_, column) => column.header || t("imports.noHeader", { index: column.index + 1 }) },
          {
            key: "field",
            title: t("imports.patientField"),
            render: (_, column) => (
              <Select
                showSearch
                optionFilterProp="label"
                value={valueOf(column)}
                placeholder={t("imports.keepAsCustom")}
                aria-label={t("imports.fieldFor", { header: column.header })}
                onChange={(value: string | undefined) => setField(column.header, value)}
                allowClear
                style={{ width: 260 }}
                options={fieldOptions}
              />
            ),
          },
          {
            key: "source",
            title: t("imports.how"),
            render: (_, column) =>
              column.header in overrides ? <Tag color="blue">{t("imports.sources.explicit")}</Tag> : <Tag>{t(`imports.sources.${column.source}`, { defaultValue: column.source })}</Tag>,
          },
        ]}
      />

      <div>
        <Typography.Text strong>{t("imports.onDuplicate")}</Typography.Text>
        <div>
          <Radio.Group
            value={onDuplicate}
            onChange={(event) => onChange({ overrides, onDuplicate: event.target.value as DuplicatePolicy, createCases })}
            options={(["skip", "update", "create"] as const).map((value) => ({ value, label: t(`imports.duplicatePolicies.${value}`) }))}
          />
        </div>
      </div>
      <Checkbox checked={createCases} onChange={(event) => onChange({ overrides, onDuplicate, createCases: event.target.checked })}>
        {t("imports.createCases")}
      </Checkbox>

      <Space>
        <Button onClick={onBack}>{t("imports.back")}</Button>
        <Button type="primary" onClick={onNext}>
          {t("imports.toPreview")}
        </Button>
      </Space>
    </Space>
  );
}
