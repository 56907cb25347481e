import type { Dayjs } from "dayjs";

import type { components } from "@/api/schema";

type Schemas = components["schemas"];

/** The patient form's values as Ant Design stores them, with dates as dayjs objects. */
export type PatientFormValues = {
  family_name?: string;
  given_name?: string;
  name_latin?: string;
  name_kana?: string;
  sex?: Schemas["Sex"];
  date_of_birth?: Dayjs | null;
  nationality?: string;
  country_of_residence?: string;
  time_zone?: string;
  preferred_languages?: string[];
  email?: string;
  phones?: { number?: string; kind?: NonNullable<Schemas["Phone"]["kind"]> }[];
  messaging?: Schemas["Messaging"];
  address?: string;
  referring_partner_id?: string;
  passport_number?: string;
  passport_expiry?: Dayjs | null;
  medical_summary?: string;
  allergies?: string;
  emergency_contact?: Schemas["EmergencyContact"];
  care_preferences?: Schemas["CarePreferences"];
  notes?: string;
  tags?: string[];
};
