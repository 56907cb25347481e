import type { FormInstance } from "antd";

import { ApiError, type ApiFieldError } from "@/api/ApiError";
import { i18n } from "@/i18n/i18n";

import { applyApiFieldErrors, type FieldErrorOverrides } from "./applyApiFieldErrors";

type SetFieldsArgument = { name: (string | number)[]; errors: string[] }[];

// A form reduced to the two methods applyApiFieldErrors calls, over fixed values.
function fakeForm(values: Record<string, unknown>) {
  const setFields = vi.fn<(fields: SetFieldsArgument) => void>();
  const form = { getFieldValue: (name: (string | number)[]) => values[name.join(".")], setFields } as unknown as FormInstance;
  return { form, setFields };
}

function shownMessages(fields: ApiFieldError[], values: Record<string, unknown> = {}, renames: Record<string, string> = {}, overrides: FieldErrorOverrides = {}) {
  const { form, setFields } = fakeForm(values);
  const error = new ApiError(422, { error: { code: "validation_failed", message: "Some values are invalid.", fields } });
  applyApiFieldErrors(form, error, i18n.getFixedT("ja"), renames, overrides);
  return setFields.mock.calls[0]?.[0] ?? [];
}

describe("applyApiFieldErrors", () => {
  it("should name a wrong current password", () => {
    const fields = shownMessages([{ path: ["body", "current_password"], code: "current_password_incorrect", message: "The current password is incorrect." }]);

    expect(fields).toEqual([{ name: ["current_password"], errors: ["現在のパスワードが正しくありません"] }]);
  });

  it("should explain a future birth date", () => {
    const fields = shownMessages([{ path: ["body", "date_of_birth"], code: "date_of_birth_out_of_range", message: "The date of birth must be between 1900 and today." }]);

    expect(fields[0]?.errors).toEqual(["生年月日には今日以前の日付を入力してください（1900年1月1日以降）"]);
  });

  it("should explain a text direction character in a name", () => {
    const fields = shownMessages([{ path: ["body", "family_name"], code: "invalid_characters", message: "The text contains U+202E, a text direction or control character; type the text again without it." }]);

    expect(fields).toEqual([{ name: ["family_name"], errors: ["表示の向きを変える文字や制御文字は使えません。文字を入力し直してください"] }]);
  });

  it("should tell too short from empty", () => {
    const tooShort = { path: ["body", "title"], code: "string_too_short", message: "String should have at least 2 characters" };

    expect(shownMessages([tooShort], { title: "a" })[0]?.errors).toEqual(["文字数が足りません。もう少し長く入力してください"]);
    expect(shownMessages([tooShort], { title: "   " })[0]?.errors).toEqual(["この項目は必須です。入力してください"]);
    expect(shownMessages([tooShort], {})[0]?.errors).toEqual(["この項目は必須です。入力してください"]);
  });

  it("should read the value under the renamed field", () => {
    const fields = shownMessages([{ path: ["body", "password"], code: "string_too_short", message: "x" }], { new_password: "short" }, { password: "new_password" });

    expect(fields).toEqual([{ name: ["new_password"], errors: ["文字数が足りません。もう少し長く入力してください"] }]);
  });

  it("should translate common Pydantic codes", () => {
    const cases: [string, string][] = [
      ["int_parsing", "整数で入力してください"],
      ["greater_than_equal", "値が小さすぎます"],
      ["less_than_equal", "値が大きすぎます"],
      ["string_pattern_mismatch", "使えない文字が含まれているか、形式が正しくありません"],
      ["enum", "選択肢にない値です。一覧から選んでください"],
      ["literal_error", "選択肢にない値です。一覧から選んでください"],
      ["date_from_datetime_inexact", "日付の形式が正しくありません（例: 1985/03/12）"],
      ["partner_required", "役割が提携先のユーザーには、所属する提携先を設定してください"],
    ];
    for (const [code, expected] of cases) {
      expect(shownMessages([{ path: ["body", "field"], code, message: "x" }])[0]?.errors, code).toEqual([expected]);
    }
  });

  it("should use a form's own message for one field", () => {
    const mismatch = { path: ["body", "code"], code: "string_pattern_mismatch", message: "String should match pattern '^[a-z][a-z0-9_]*$'" };

    const fields = shownMessages([mismatch], { code: "Trial Dept!" }, {}, { code: { string_pattern_mismatch: "admin.departments.codeFormat" } });

    expect(fields[0]?.errors[0]).toContain("英小文字で始め");
  });

  it("should show the API's sentence for an untranslated code", () => {
    const fields = shownMessages([{ path: ["body", "time_zone"], code: "value_error", message: "'Mars/Base' is not an IANA time zone" }]);

    expect(fields[0]?.errors).toEqual(["この項目の値が正しくありません（'Mars/Base' is not an IANA time zone）"]);
  });

  it("should keep the generic message without a sentence", () => {
    const fields = shownMessages([{ path: ["body", "notes"], code: "no_such_code", message: "" }]);

    expect(fields[0]?.errors).toEqual(["この項目の値が正しくありません。入力内容を確認してください"]);
  });

  it("should skip errors outside the body", () => {
    const { form, setFields } = fakeForm({});
    const error = new ApiError(422, { error: { code: "validation_failed", fields: [{ path: ["query", "sort"], code: "invalid_sort", message: "x" }] } });

    expect(applyApiFieldErrors(form, error, i18n.getFixedT("ja"))).toBe(false);
    expect(setFields).toHaveBeenCalledWith([]);
  });
});
