/** TanStack Query keys of the tasks resource. */
export const taskKeys = {
  all: ["tasks"] as const,
  list: (params: object) => ["tasks", "list", params] as const,
};
