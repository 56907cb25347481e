import { useQueries } from "@tanstack/react-query";
import { useCallback } from "react";

export type NamesByIdOptions<Item> = {
  /** Query key of one record, shared with the hooks that fetch the same record. */
  queryKey: (id: string) => readonly unknown[];
  fetchOne: (id: string) => Promise<Item>;
  nameOf: (item: Item) => string;
  /** False skips every request, for users who may not read the resource. */
  enabled?: boolean;
};

/**
 * Return a function from id to name for the records a page shows. Each record is fetched
 * once by id and cached, so every record gets its name, however long the full list is.
 * Missing ids, unknown ids and ids still loading give "".
 */
export function useNamesById<Item>(ids: readonly (string | null | undefined)[], { queryKey, fetchOne, nameOf, enabled = true }: NamesByIdOptions<Item>): (id: string | null | undefined) => string {
  const uniqueIds = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  const names = useQueries({
    queries: uniqueIds.map((id) => ({ queryKey: queryKey(id), queryFn: () => fetchOne(id), enabled, staleTime: 5 * 60_000 })),
    combine: (results) => new Map(results.flatMap((result, index) => (result.data ? [[uniqueIds[index], nameOf(result.data)] as const] : []))),
  });
  return useCallback((id) => (id ? (names.get(id) ?? "") : ""), [names]);
}
