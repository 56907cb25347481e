import { useQueries } from "@tanstack/react-query";
import { useCallback } from "react";

import { fetchPartner, partnerKey } from "../utils/fetchPartner";

/**
 * Return a function from partner id to name for the partners a page shows. Each partner is
 * fetched once (GET /partners/{id}) and cached, so any partner gets its name, whatever its
 * place in the list of all partners. Unknown ids and ids still loading give "".
 */
export function usePartnerNames(partnerIds: readonly (string | null | undefined)[], enabled = true): (id: string | null | undefined) => string {
  const ids = [...new Set(partnerIds.filter((id): id is string => Boolean(id)))];
  const names = useQueries({
    queries: ids.map((id) => ({ queryKey: partnerKey(id), queryFn: () => fetchPartner(id), enabled, staleTime: 5 * 60_000 })),
    combine: (results) => new Map(results.flatMap((result) => (result.data ? [[result.data.id, result.data.name] as const] : []))),
  });
  return useCallback((id) => (id ? (names.get(id) ?? "") : ""), [names]);
}
