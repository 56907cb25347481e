import dayjs from "dayjs";

import { patientFormToBody } from "./patientFormToBody";

describe("patientFormToBody", () => {
  it("should format dates and trim text", () => {
    const body = patientFormToBody({ family_name: " 王 ", date_of_birth: dayjs("1985-03-12"), email: "" }, "create");

    expect(body.family_name).toBe("王");
    expect(body.date_of_birth).toBe("1985-03-12");
    expect(body.email).toBeNull();
  });

  it("should drop empty phone rows", () => {
    const body = patientFormToBody({ phones: [{ number: "+86 138 0000 0000", kind: "mobile" }, { number: " " }] }, "create");

    expect(body.phones).toEqual([{ number: "+86 138 0000 0000", kind: "mobile" }]);
  });

  it("should keep protected fields on edit when left blank", () => {
    const body = patientFormToBody({ passport_number: "", allergies: "ペニシリン" }, "edit");

    expect(body).not.toHaveProperty("passport_number");
    expect(body).not.toHaveProperty("medical_summary");
    expect(body.allergies).toBe("ペニシリン");
  });

  it("should collapse empty nested objects to null", () => {
    const body = patientFormToBody({ messaging: { wechat: "", line: undefined }, care_preferences: { diet: [] } }, "create");

    expect(body.messaging).toBeNull();
    expect(body.care_preferences).toBeNull();
  });
});
