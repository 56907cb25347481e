/** TanStack Query keys of the imports resource. */
export const importKeys = {
  all: ["imports"] as const,
  fields: ["imports", "fields"] as const,
  mappings: ["imports", "mappings"] as const,
  batches: ["imports", "batches"] as const,
  batch: (id: string) => ["imports", "batch", id] as const,
  rows: (id: string, params: object) => ["imports", "rows", id, params] as const,
};
