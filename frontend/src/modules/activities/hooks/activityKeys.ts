/** TanStack Query keys of the activities resource. */
export const activityKeys = {
  all: ["activities"] as const,
  list: (params: object) => ["activities", "list", params] as const,
};
