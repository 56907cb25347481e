import { listOfAll } from "@/api/listOfAll";
import type { components } from "@/api/schema";

export type CaseStage = components["schemas"]["CaseStage"];

/**
 * Case stages in pipeline order. The first ten are the journey of an accepted patient;
 * `lost` and `cancelled` end a case from any open stage.
 */
export const caseStages = listOfAll<CaseStage>()([
  "inquiry_received",
  "records_received",
  "doctor_review",
  "quote_sent",
  "accepted",
  "visa_travel",
  "in_treatment",
  "returned_home",
  "follow_up",
  "closed",
  "lost",
  "cancelled",
] as const);

/** Stages that end a case. A case moves on from them only when reopened into an open stage. */
export const finalStages: readonly CaseStage[] = ["closed", "lost", "cancelled"];
