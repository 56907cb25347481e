/** TanStack Query keys of the cases resource; invalidating `all` refreshes every case query. */
export const caseKeys = {
  all: ["cases"] as const,
  list: (params: object) => ["cases", "list", params] as const,
  detail: (id: string) => ["cases", "detail", id] as const,
  stageHistory: (id: string) => ["cases", "stage-history", id] as const,
};
