import { screen } from "@testing-library/react";

import { renderWithProviders } from "@/test/renderWithProviders";

import { type Patient, PatientProfile } from "./PatientProfile";

const patient: Patient = {
  id: "00000000-0000-4000-8000-000000000042",
  family_name: "加藤",
  given_name: "結衣",
  name_latin: "KATO YUI",
  name_kana: "カトウ ユイ",
  sex: "female",
  date_of_birth: "1986-08-12",
  nationality: "JP",
  country_of_residence: "CN",
  email: null,
  phones: [],
  referring_partner_id: null,
  tags: [],
  time_zone: "Asia/Shanghai",
  created_at: "2026-12-01T00:00:00Z",
  updated_at: "2026-12-01T00:00:00Z",
  preferred_languages: ["ja", "en"],
  messaging: { line: "jieyi314", wechat: "kato_yui", whatsapp: null },
  address: null,
  emergency_contact: {},
  passport_expiry: null,
  care_preferences: {},
  travel_insurance: {},
  notes: null,
  custom_fields: {},
  consents: [],
  merged_into_id: null,
  has_passport_number: false,
  has_medical_summary: false,
  has_allergies: false,
};

describe("PatientProfile", () => {
  it("should write messaging apps as their brands", () => {
    renderWithProviders(<PatientProfile patient={patient} partnerName="" />);

    expect(screen.getByText("LINE: jieyi314 / WeChat: kato_yui")).toBeInTheDocument();
  });

  it("should name the time zone beside its id", () => {
    renderWithProviders(<PatientProfile patient={patient} partnerName="" />);

    expect(screen.getByText("中国標準時（Asia/Shanghai）")).toBeInTheDocument();
  });

  it("should list languages with the Japanese comma", () => {
    renderWithProviders(<PatientProfile patient={patient} partnerName="" />);

    expect(screen.getByText("日本語、英語")).toBeInTheDocument();
  });
});
