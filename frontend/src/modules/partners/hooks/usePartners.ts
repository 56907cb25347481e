import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";

export type PartnerListParams = ApiQuery<"/api/v1/partners", "get">;

/** Fetch one page of partner organizations matching the search text and filters (GET /partners). Partner users may not list them. */
export function usePartners(params: PartnerListParams) {
  return useQuery({
    queryKey: ["partners", "list", params],
    queryFn: async () => unwrap(await client.GET("/api/v1/partners", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}
