import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { phoneKinds, sexes, staffGenders } from "@/api/enums";
import { Button, Card, Col, Form, type FormInstance, type FormRule, Input, Row, Select, Space } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

import { useCan } from "@/modules/auth/hooks/useCan";
import { CountrySelect } from "@/modules/common/components/CountrySelect";
import { FormDatePicker } from "@/modules/common/components/FormDatePicker";
import { isOutsideBirthDateRange } from "@/modules/common/utils/isOutsideBirthDateRange";
import { languageCodes } from "@/modules/common/utils/languageCodes";
import { languageName } from "@/modules/common/utils/languageName";
import { timeZoneLabel } from "@/modules/common/utils/timeZoneLabel";
import { timeZones } from "@/modules/common/utils/timeZones";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { PartnerPicker } from "@/modules/partners/components/PartnerPicker";

import type { PatientFormValues } from "../utils/PatientFormValues";
import { toKatakana } from "../utils/toKatakana";

const DIETS = ["halal", "kosher", "vegetarian", "vegan", "no_pork", "no_beef", "no_alcohol"] as const;
// Kana readings are stored in full-width katakana. The form also accepts hiragana and
// half-width katakana (U+FF65 to U+FF9F), which toKatakana converts when the field loses focus.
const KANA = /^[\u3041-\u309F\u30A0-\u30FF\uFF65-\uFF9F\u3000\s・ー]*$/;

function isBlank(value: unknown): boolean {
  return typeof value !== "string" || value.trim() === "";
}

// POST /patients needs one of the three names, and PATCH needs none.
function anyNameRule(message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: () => {
      const names = ["family_name", "given_name", "name_latin"].map((name) => getFieldValue(name) as unknown);
      return names.every(isBlank) ? Promise.reject(new Error(message)) : Promise.resolve();
    },
  });
}

// The API reads a number without "+" as a national number of the country of residence, or
// of the nationality when that is empty. It rejects such a number when both are empty.
function nationalNumberRule(message: string): FormRule {
  return ({ getFieldValue }) => ({
    validator: (_, value: unknown) => {
      const isNational = !isBlank(value) && !String(value).trim().startsWith("+");
      const hasCountry = Boolean(getFieldValue("country_of_residence") || getFieldValue("nationality"));
      return isNational && !hasCountry ? Promise.reject(new Error(message)) : Promise.resolve();
    },
  });
}

export type PatientFormProps = {
  form: FormInstance<PatientFormValues>;
  mode: "create" | "edit";
  initialValues?: PatientFormValues;
  submitting: boolean;
  onFinish: (values: PatientFormValues) => void;
  /** Called with all values after each change the user makes. */
  onValuesChange?: (values: PatientFormValues) => void;
  onCancel?: () => void;
};

/** Render the patient profile form, shared by registration and editing. */
export function PatientForm({ form, mode, initialValues, submitting, onFinish, onValuesChange, onCancel }: PatientFormProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const can = useCan();
  const protectedHint = mode === "edit" ? t("patients.protectedKeepHint") : undefined;
  const timeZoneOptions = useMemo(() => timeZones().map((zone) => ({ value: zone, label: timeZoneLabel(zone, language, t) })), [language, t]);

  return (
    <Form<PatientFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues ?? { sex: "unknown", phones: [{ kind: "mobile" }] }}
      onFinish={onFinish}
      onValuesChange={(_, values) => onValuesChange?.(values)}
      scrollToFirstError
    >
      <Card title={t("patients.sections.name")} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="family_name"
              label={t("patients.familyName")}
              dependencies={mode === "create" ? ["given_name", "name_latin"] : undefined}
              rules={mode === "create" ? [anyNameRule(t("patients.nameRequired"))] : undefined}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="given_name" label={t("patients.givenName")}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name_latin" label={t("patients.nameLatin")} extra={t("patients.nameLatinHint")}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="name_kana" label={t("patients.nameKana")} rules={[{ pattern: KANA, message: t("patients.nameKanaInvalid") }]}>
              <Input
                maxLength={200}
                onBlur={() => {
                  const reading = form.getFieldValue("name_kana") as unknown;
                  if (typeof reading === "string") form.setFieldValue("name_kana", toKatakana(reading));
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="sex" label={t("patients.sex")}>
              <Select options={sexes.map((value) => ({ value, label: t(`sex.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="date_of_birth" label={t("patients.dateOfBirth")}>
              <FormDatePicker format={["YYYY/MM/DD", "YYYY-MM-DD", "YYYYMMDD"]} disabledDate={isOutsideBirthDateRange} placeholder={t("patients.datePlaceholder")} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="nationality" label={t("patients.nationality")}>
              <CountrySelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name="country_of_residence" label={t("patients.residence")}>
              <CountrySelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="preferred_languages" label={t("patients.preferredLanguages")}>
              <Select mode="tags" options={languageCodes.map((code) => ({ value: code, label: `${languageName(code, language)} (${code})` }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="time_zone" label={t("patients.timeZone")}>
              <Select showSearch allowClear optionFilterProp="label" options={timeZoneOptions} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t("patients.sections.contact")} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="email" label={t("patients.email")} rules={[{ type: "email", message: t("fieldErrors.email") }]}>
              <Input inputMode="email" maxLength={320} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="address" label={t("patients.address")}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="phones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" wrap>
                  <Form.Item
                    name={[field.name, "number"]}
                    label={t("patients.phone")}
                    extra={t("patients.phoneHint")}
                    dependencies={["nationality", "country_of_residence"]}
                    rules={[nationalNumberRule(t("patients.phoneNeedsCountry"))]}
                    style={{ maxWidth: 360 }}
                  >
                    <Input inputMode="tel" style={{ width: 220 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, "kind"]} label={t("patients.phoneKind")}>
                    <Select style={{ width: 120 }} options={phoneKinds.map((value) => ({ value, label: t(`phoneKinds.${value}`) }))} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} aria-label={t("common.remove")} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: "mobile" })} style={{ marginBottom: 16 }}>
                {t("patients.addPhone")}
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name={["messaging", "wechat"]} label="WeChat">
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={["messaging", "whatsapp"]} label="WhatsApp">
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={["messaging", "line"]} label="LINE">
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t("patients.sections.identity")} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="passport_number" label={t("patients.passportNumber")} extra={protectedHint}>
              <Input autoComplete="off" maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="passport_expiry" label={t("patients.passportExpiry")}>
              <FormDatePicker format={["YYYY/MM/DD", "YYYY-MM-DD"]} placeholder={t("patients.datePlaceholder")} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          {can("partners:read") && (
            <Col xs={24} md={12}>
              <Form.Item name="referring_partner_id" label={t("patients.referringPartner")}>
                <PartnerPicker allowClear />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>

      <Card title={t("patients.sections.medical")} size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="medical_summary" label={t("patients.medicalSummary")} extra={protectedHint}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="allergies" label={t("patients.allergies")} extra={protectedHint}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name={["care_preferences", "religion"]} label={t("patients.religion")}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={["care_preferences", "diet"]} label={t("patients.diet")}>
              <Select mode="tags" options={DIETS.map((value) => ({ value, label: t(`diets.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={["care_preferences", "staff_gender"]} label={t("patients.staffGender")}>
              <Select allowClear options={staffGenders.map((value) => ({ value, label: t(`staffGenders.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={["care_preferences", "room"]} label={t("patients.room")}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t("patients.sections.emergency")} size="small" style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name={["emergency_contact", "name"]} label={t("patients.contactName")}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={["emergency_contact", "relationship"]} label={t("patients.relationship")}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={["emergency_contact", "phone"]} label={t("patients.phone")}>
              <Input inputMode="tel" />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item name={["emergency_contact", "email"]} label={t("patients.email")} rules={[{ type: "email", message: t("fieldErrors.email") }]}>
              <Input inputMode="email" />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t("patients.sections.other")} size="small" style={{ marginBottom: 16 }}>
        <Form.Item name="tags" label={t("patients.tags")}>
          <Select mode="tags" />
        </Form.Item>
        <Form.Item name="notes" label={t("patients.notes")}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Card>

      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {mode === "create" ? t("patients.register") : t("common.save")}
        </Button>
        {onCancel && <Button onClick={onCancel}>{t("common.cancel")}</Button>}
      </Space>
    </Form>
  );
}
