import type { components } from "@/api/schema";

/** A permission of the API, such as "patients:write". GET /users/me lists those of the user. */
export type Permission = components["schemas"]["Permission"];
