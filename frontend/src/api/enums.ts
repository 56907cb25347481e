import { listOfAll } from "./listOfAll";
import type { components } from "./schema";

type Schemas = components["schemas"];

/** Values of the API's enums, in the order the UI lists them; tsc fails when the API adds one. */
export const channels = listOfAll<Schemas["Channel"]>()(["email", "web_form", "phone", "partner", "wechat", "whatsapp", "line", "imported"] as const);
export const priorities = listOfAll<Schemas["Priority"]>()(["urgent", "high", "normal", "low"] as const);
export const sexes = listOfAll<Schemas["Sex"]>()(["female", "male", "other", "unknown"] as const);
export const phoneKinds = listOfAll<NonNullable<Schemas["Phone"]["kind"]>>()(["mobile", "home", "work", "other"] as const);
export const partnerKinds = listOfAll<Schemas["PartnerKind"]>()(["agency", "facilitator", "guarantor_organization"] as const);
export const guarantorRegistries = listOfAll<Schemas["GuarantorRegistry"]>()(["meti", "japan_tourism_agency"] as const);
export const taskStatuses = listOfAll<Schemas["TaskStatus"]>()(["open", "done", "cancelled"] as const);
export const userRoles = listOfAll<Schemas["UserOut"]["role"]>()(["admin", "coordinator", "doctor", "interpreter", "finance", "partner"] as const);
export const staffGenders = listOfAll<NonNullable<Schemas["CarePreferences"]["staff_gender"]>>()(["female", "male", "no_preference"] as const);
export const directions = listOfAll<Schemas["Direction"]>()(["inbound", "outbound"] as const);
export const activityKinds = listOfAll<Schemas["ActivityKind"]>()(
  ["note", "call", "email", "message", "created", "field_change", "stage_change", "merged", "imported", "task_completed"] as const,
);
