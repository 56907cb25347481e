// Seed the scratch database through the real API, as an admin would: departments,
// two partner organizations, users, patients in several scripts and their cases.

import { apiAs } from "./api.mjs";
import { PASSWORD } from "./password.mjs";

/** Seed the data the browser tests rely on and return the ids they open. */
export async function seed({ baseUrl, createUser }) {
  await createUser({ email: "admin@e2e.example.com", role: "admin", name: "管理 太郎", password: PASSWORD });
  await createUser({ email: "coordinator@e2e.example.com", role: "coordinator", name: "調整 花子", password: PASSWORD });
  const api = await apiAs(baseUrl, "admin@e2e.example.com");

  // The first migration creates the usual departments; the tests use one of them.
  const departments = await api("GET", "/departments");
  const surgery = departments.find((department) => department.code === "general_surgery");

  const partnerA = await api("POST", "/partners", { name: "上海康健国际医疗", kind: "agency", country: "CN", languages: ["zh", "ja"] });
  const partnerB = await api("POST", "/partners", { name: "Saigon Medical Travel", kind: "facilitator", country: "VN", languages: ["vi", "en"] });
  await createUser({ email: "partner-a@e2e.example.com", role: "partner", name: "Partner A", password: PASSWORD, partnerId: partnerA.id, uiLanguage: "zh-CN" });
  await createUser({ email: "partner-b@e2e.example.com", role: "partner", name: "Partner B", password: PASSWORD, partnerId: partnerB.id, uiLanguage: "en" });

  const wang = await api("POST", "/patients", {
    family_name: "王",
    given_name: "小明",
    name_latin: "WANG XIAOMING",
    name_kana: "ワン シャオミン",
    sex: "male",
    date_of_birth: "1978-05-20",
    nationality: "CN",
    country_of_residence: "CN",
    time_zone: "Asia/Shanghai",
    preferred_languages: ["zh"],
    email: "wang.xiaoming@example.cn",
    phones: [{ number: "+86 138 0013 8000", kind: "mobile" }],
    passport_number: "E12345678",
    medical_summary: "腰椎椎間板ヘルニア。2024年にMRI。",
    referring_partner_id: partnerA.id,
  });
  const nguyen = await api("POST", "/patients", {
    family_name: "Nguyễn",
    given_name: "Văn An",
    name_latin: "NGUYEN VAN AN",
    name_kana: "グエン ヴァン アン",
    sex: "male",
    date_of_birth: "1985-03-12",
    nationality: "VN",
    country_of_residence: "VN",
    time_zone: "Asia/Ho_Chi_Minh",
    preferred_languages: ["vi"],
    phones: [{ number: "+84 90 123 4567", kind: "mobile" }],
    referring_partner_id: partnerB.id,
  });
  const smith = await api("POST", "/patients", {
    family_name: "Smith",
    given_name: "Emily",
    name_latin: "SMITH EMILY",
    name_kana: "スミス エミリー",
    sex: "female",
    date_of_birth: "1990-11-02",
    nationality: "US",
    country_of_residence: "US",
    time_zone: "America/Los_Angeles",
    preferred_languages: ["en"],
    email: "emily.smith@example.com",
  });

  const wangCase = await api("POST", "/cases", {
    patient_id: wang.id,
    channel: "partner",
    department_id: surgery.id,
    requested_treatment: "腰椎手術の相談",
    priority: "high",
    referring_partner_id: partnerA.id,
    planned_arrival_date: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10),
  });
  const nguyenCase = await api("POST", "/cases", {
    patient_id: nguyen.id,
    channel: "email",
    requested_treatment: "Health check-up (PET-CT)",
    priority: "normal",
    referring_partner_id: partnerB.id,
  });
  await api("POST", "/cases", { patient_id: smith.id, channel: "web_form", requested_treatment: "Second opinion", priority: "normal" });
  await api("POST", `/cases/${nguyenCase.id}/stage`, { to_stage: "records_received" });

  return { patients: { wang: wang.id, nguyen: nguyen.id, smith: smith.id }, cases: { wang: wangCase.id, wangReference: wangCase.reference, nguyen: nguyenCase.id } };
}
