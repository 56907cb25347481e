import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

/** Fetch departments in display order (GET /departments), for labels and filters, with inactive ones only on request. */
export function useDepartments(includeInactive = false) {
  return useQuery({
    queryKey: ["departments", { includeInactive }],
    queryFn: async () =>
      unwrap(await client.GET("/api/v1/departments", { params: { query: { include_inactive: includeInactive } } })),
    staleTime: 10 * 60_000,
  });
}
