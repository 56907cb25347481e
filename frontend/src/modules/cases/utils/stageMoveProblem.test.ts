import { caseStages } from "./caseStages";
import { stageMoveProblem } from "./stageMoveProblem";

describe("stageMoveProblem", () => {
  it("should keep a closed case from becoming lost", () => {
    expect(stageMoveProblem("closed", "lost")).toBe("reopenFirst");
  });

  it("should keep every final stage final", () => {
    for (const from of ["closed", "lost", "cancelled"] as const) {
      for (const to of ["closed", "lost", "cancelled"] as const) {
        if (from !== to) {
          expect(stageMoveProblem(from, to)).toBe("reopenFirst");
        }
      }
    }
  });

  it("should reopen a final case into an open stage", () => {
    expect(stageMoveProblem("closed", "follow_up")).toBeUndefined();
    expect(stageMoveProblem("lost", "doctor_review")).toBeUndefined();
    expect(stageMoveProblem("cancelled", "inquiry_received")).toBeUndefined();
  });

  it("should close only after the patient returned home", () => {
    const closable = caseStages.filter((stage) => stage !== "closed" && stageMoveProblem(stage, "closed") === undefined);

    expect(closable).toEqual(["returned_home", "follow_up"]);
  });

  it("should end an open case as lost or cancelled from any stage", () => {
    for (const from of caseStages.slice(0, 9)) {
      expect(stageMoveProblem(from, "lost")).toBeUndefined();
      expect(stageMoveProblem(from, "cancelled")).toBeUndefined();
    }
  });
});
