import { Descriptions, Tag } from "antd";
import { useTranslation } from "react-i18next";

import type { ApiResponse } from "@/api/types";
import { useCan } from "@/modules/auth/hooks/useCan";
import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { languageName } from "@/modules/common/utils/languageName";
import { timeZoneLabel } from "@/modules/common/utils/timeZoneLabel";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { ProtectedField } from "./ProtectedField";

// The apps as their makers write their names; the API's keys are lower case.
const MESSAGING_BRANDS: Record<string, string> = { line: "LINE", wechat: "WeChat", whatsapp: "WhatsApp" };

export type Patient = ApiResponse<"/api/v1/patients/{patient_id}", "get">;

export type PatientProfileProps = {
  patient: Patient;
  partnerName: string;
};

/** Show the patient's profile as read-only descriptions, with protected fields masked. */
export function PatientProfile({ patient, partnerName }: PatientProfileProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const can = useCan();
  const emergency = patient.emergency_contact;
  const care = patient.care_preferences;
  const messaging = patient.messaging;

  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
      <Descriptions.Item label={t("patients.nameLatin")}>{patient.name_latin}</Descriptions.Item>
      <Descriptions.Item label={t("patients.nameKana")}>{patient.name_kana}</Descriptions.Item>
      <Descriptions.Item label={t("patients.sex")}>{t(`sex.${patient.sex}`)}</Descriptions.Item>
      <Descriptions.Item label={t("patients.dateOfBirth")}>{formatDate(patient.date_of_birth)}</Descriptions.Item>
      <Descriptions.Item label={t("patients.nationality")}>{countryName(patient.nationality, language)}</Descriptions.Item>
      <Descriptions.Item label={t("patients.residence")}>{countryName(patient.country_of_residence, language)}</Descriptions.Item>
      <Descriptions.Item label={t("patients.preferredLanguages")}>
        {(patient.preferred_languages ?? []).map((code) => languageName(code, language)).join(t("common.enumerationSeparator"))}
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.timeZone")}>{patient.time_zone ? timeZoneLabel(patient.time_zone, language, t) : ""}</Descriptions.Item>
      <Descriptions.Item label={t("patients.email")}>{patient.email}</Descriptions.Item>
      <Descriptions.Item label={t("patients.phone")}>
        {(patient.phones ?? []).map((phone) => `${phone.number} (${t(`phoneKinds.${phone.kind}`)})`).join(" / ")}
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.messaging")}>
        {messaging
          ? Object.entries(messaging)
              .filter(([, id]) => id)
              .map(([app, id]) => `${MESSAGING_BRANDS[app] ?? app}: ${id}`)
              .join(" / ")
          : ""}
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.address")}>{patient.address}</Descriptions.Item>
      <Descriptions.Item label={t("patients.referringPartner")}>{partnerName}</Descriptions.Item>
      <Descriptions.Item label={t("patients.passportNumber")}>
        <ProtectedField patientId={patient.id} field="passport_number" hasValue={patient.has_passport_number} canReveal={can("patients:read_identity")} />
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.passportExpiry")}>{formatDate(patient.passport_expiry)}</Descriptions.Item>
      <Descriptions.Item label={t("patients.medicalSummary")} span={2}>
        <ProtectedField patientId={patient.id} field="medical_summary" hasValue={patient.has_medical_summary} canReveal={can("patients:read_medical")} />
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.allergies")} span={2}>
        <ProtectedField patientId={patient.id} field="allergies" hasValue={patient.has_allergies} canReveal={can("patients:read_medical")} />
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.carePreferences")} span={2}>
        {care
          ? [
              care.religion,
              ...(care.diet ?? []).map((diet) => t(`diets.${diet}`, { defaultValue: diet })),
              care.staff_gender ? t(`staffGenders.${care.staff_gender}`, { defaultValue: care.staff_gender }) : "",
              care.room,
            ]
              .filter(Boolean)
              .join(t("common.enumerationSeparator"))
          : ""}
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.sections.emergency")} span={2}>
        {emergency ? [emergency.name, emergency.relationship, emergency.phone, emergency.email].filter(Boolean).join(" / ") : ""}
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.travelInsurance")} span={2}>
        {[patient.travel_insurance?.insurer, patient.travel_insurance?.policy_number, patient.travel_insurance?.contact].filter(Boolean).join(" / ")}
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.consents")} span={2}>
        {(patient.consents ?? []).map((consent) => (
          <div key={consent.id}>
            {t("patients.consentLine", {
              topic: t(`patients.consentTopics.${consent.topic}`, { defaultValue: consent.topic }),
              version: consent.version,
              language: languageName(consent.language, language),
            })}
            {consent.withdrawn_at
              ? t("patients.consentWithdrawn", { time: formatTokyoDateTime(consent.withdrawn_at) })
              : t("patients.consentGiven", { time: formatTokyoDateTime(consent.given_at) })}
          </div>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.tags")} span={2}>
        {(patient.tags ?? []).map((tag) => (
          <Tag key={tag}>{tag}</Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t("patients.notes")} span={2}>
        <span style={{ whiteSpace: "pre-wrap" }}>{patient.notes}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}
