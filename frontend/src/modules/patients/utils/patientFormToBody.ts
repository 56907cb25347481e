import type { ApiRequestBody } from "@/api/types";

import type { PatientFormValues } from "./PatientFormValues";

/** A patient body valid for both POST /patients and PATCH /patients/{id}. */
export type PatientBody = ApiRequestBody<"/api/v1/patients", "post">;

function text(value: string | undefined | null): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

function compact<T extends object>(value: T | undefined): T | null {
  if (!value) return null;
  const entries = Object.entries(value).filter(
    ([, item]) => item !== undefined && item !== null && item !== "" && !(Array.isArray(item) && item.length === 0),
  );
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : null;
}

/**
 * Turn form values into the API's patient body. Empty strings become null, dates become
 * "YYYY-MM-DD", and blank protected fields are left out on edit so they keep their value.
 */
export function patientFormToBody(values: PatientFormValues, mode: "create" | "edit"): PatientBody {
  const body: PatientBody = {
    family_name: text(values.family_name),
    given_name: text(values.given_name),
    name_latin: text(values.name_latin),
    name_kana: text(values.name_kana),
    sex: values.sex ?? "unknown",
    date_of_birth: values.date_of_birth ? values.date_of_birth.format("YYYY-MM-DD") : null,
    nationality: values.nationality ?? null,
    country_of_residence: values.country_of_residence ?? null,
    time_zone: values.time_zone ?? null,
    preferred_languages: values.preferred_languages ?? [],
    email: text(values.email),
    phones: (values.phones ?? []).flatMap((phone) => {
      const number = text(phone.number);
      return number ? [{ number, kind: phone.kind ?? "mobile" }] : [];
    }),
    messaging: compact(values.messaging),
    address: text(values.address),
    referring_partner_id: values.referring_partner_id ?? null,
    passport_expiry: values.passport_expiry ? values.passport_expiry.format("YYYY-MM-DD") : null,
    emergency_contact: compact(values.emergency_contact),
    care_preferences: compact(values.care_preferences),
    notes: text(values.notes),
    tags: values.tags ?? [],
  };

  for (const field of ["passport_number", "medical_summary", "allergies"] as const) {
    const value = text(values[field]);
    if (value !== null || mode === "create") {
      body[field] = value;
    }
  }
  return body;
}
