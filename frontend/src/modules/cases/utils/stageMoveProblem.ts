import { type CaseStage, finalStages } from "./caseStages";

/** The reason the API rejects a stage move, as an i18n key under `pipeline`. */
export type StageMoveProblem = "reopenFirst" | "closeAfterReturn";

const CLOSABLE_FROM: readonly CaseStage[] = ["returned_home", "follow_up"];

/**
 * Return why a case in `from` cannot move to `to`, or undefined when it can. These are the
 * rules of check_transition in backend/src/hospital_crm/cases/service.py. The board and the
 * stage list reject a move with them before asking for a lost reason the API would reject.
 */
export function stageMoveProblem(from: CaseStage, to: CaseStage): StageMoveProblem | undefined {
  if (finalStages.includes(from) && finalStages.includes(to)) {
    return "reopenFirst";
  }
  if (to === "closed" && !CLOSABLE_FROM.includes(from)) {
    return "closeAfterReturn";
  }
  return undefined;
}
