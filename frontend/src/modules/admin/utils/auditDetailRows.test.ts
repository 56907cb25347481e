import { i18n } from "@/i18n/i18n";

import { auditDetailRows } from "./auditDetailRows";

const t = i18n.getFixedT("ja");

describe("auditDetailRows", () => {
  it("should translate a login failure's reason", () => {
    expect(auditDetailRows({ reason: "unknown_email" }, t)).toEqual([{ key: "reason", label: "理由", value: "登録されていないメールアドレス" }]);
  });

  it("should keep an unknown reason as recorded", () => {
    expect(auditDetailRows({ reason: "quantum_flux" }, t)[0]?.value).toBe("quantum_flux");
  });

  it("should name stages and fields", () => {
    const rows = auditDetailRows({ from: "inquiry_received", to: "doctor_review", fields: ["allergies", "care_preferences"] }, t);

    expect(rows.map((row) => `${row.label}=${row.value}`)).toEqual([
      "変更前=問い合わせ受付",
      "変更後=医師確認（受入可否）",
      "対象項目=アレルギー、配慮事項",
    ]);
  });

  it("should count the records a merge moved", () => {
    const [row] = auditDetailRows({ moved: { cases: 2, tasks: 1 } }, t);

    expect(row).toEqual({ key: "moved", label: "移した記録の件数", value: "案件 2、タスク 1" });
  });

  it("should show unknown members as recorded", () => {
    const rows = auditDetailRows({ key_id: "k2", filters: { nationality: ["CN"] } }, t);

    expect(rows[0]).toEqual({ key: "key_id", label: "key_id", value: "k2" });
    expect(rows[1]?.value).toBe('{"nationality":["CN"]}');
  });

  it("should write the lock's end in Tokyo time", () => {
    expect(auditDetailRows({ locked_until: "2026-12-04T09:30:00+00:00" }, t)[0]?.value).toBe("2026/12/04 18:30");
  });
});
