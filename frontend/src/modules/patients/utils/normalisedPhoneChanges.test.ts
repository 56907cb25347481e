import { normalisedPhoneChanges } from "./normalisedPhoneChanges";

describe("normalisedPhoneChanges", () => {
  it("should list numbers the API rewrote", () => {
    const sent = [{ number: "090-1234-3946" }, { number: "+8613800138000" }];
    const stored = [{ number: "+819012343946" }, { number: "+8613800138000" }];

    expect(normalisedPhoneChanges(sent, stored)).toEqual(["090-1234-3946 → +819012343946"]);
  });

  it("should return nothing without phones", () => {
    expect(normalisedPhoneChanges(undefined, [{ number: "+819012343946" }])).toEqual([]);
    expect(normalisedPhoneChanges([{ number: "03-1234-5678" }], null)).toEqual([]);
  });
});
