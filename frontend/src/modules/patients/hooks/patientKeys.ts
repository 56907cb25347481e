/** TanStack Query keys of the patients resource; invalidating `all` refreshes every patient query. */
export const patientKeys = {
  all: ["patients"] as const,
  list: (params: object) => ["patients", "list", params] as const,
  detail: (id: string) => ["patients", "detail", id] as const,
  duplicates: (id: string) => ["patients", "duplicates", id] as const,
  timeline: (id: string) => ["patients", "timeline", id] as const,
};
