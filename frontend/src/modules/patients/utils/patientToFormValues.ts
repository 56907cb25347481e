import dayjs from "dayjs";

import type { PatientFormValues } from "./PatientFormValues";

type PatientLike = Record<string, unknown> & {
  date_of_birth?: string | null;
  passport_expiry?: string | null;
};

function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/** Form values for editing a patient; protected fields start blank because the API never sends them. */
export function patientToFormValues(patient: PatientLike): PatientFormValues {
  const value = patient as PatientLike & PatientFormValues;
  return {
    family_name: orUndefined(value.family_name),
    given_name: orUndefined(value.given_name),
    name_latin: orUndefined(value.name_latin),
    name_kana: orUndefined(value.name_kana),
    sex: orUndefined(value.sex),
    date_of_birth: patient.date_of_birth ? dayjs(patient.date_of_birth) : null,
    nationality: orUndefined(value.nationality),
    country_of_residence: orUndefined(value.country_of_residence),
    time_zone: orUndefined(value.time_zone),
    preferred_languages: orUndefined(value.preferred_languages),
    email: orUndefined(value.email),
    phones: orUndefined(value.phones),
    messaging: orUndefined(value.messaging),
    address: orUndefined(value.address),
    referring_partner_id: orUndefined(value.referring_partner_id),
    passport_expiry: patient.passport_expiry ? dayjs(patient.passport_expiry) : null,
    emergency_contact: orUndefined(value.emergency_contact),
    care_preferences: orUndefined(value.care_preferences),
    notes: orUndefined(value.notes),
    tags: orUndefined(value.tags),
  };
}
