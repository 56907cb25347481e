import { patientDisplayName } from "./patientDisplayName";

describe("patientDisplayName", () => {
  it("should add the passport spelling", () => {
    expect(patientDisplayName({ family_name: "王", given_name: "小明", name_latin: "WANG XIAOMING" })).toBe("王 小明 (WANG XIAOMING)");
  });

  it("should not repeat a Latin name", () => {
    expect(patientDisplayName({ family_name: "Smith", given_name: "John", name_latin: "smith john" })).toBe("Smith John");
  });

  it("should fall back to the Latin name", () => {
    expect(patientDisplayName({ family_name: null, given_name: "", name_latin: "NGUYEN VAN AN" })).toBe("NGUYEN VAN AN");
  });
});
