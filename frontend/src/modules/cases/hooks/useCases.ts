import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { caseKeys } from "./caseKeys";

export type CaseListParams = ApiQuery<"/api/v1/cases", "get">;

/** Fetch one page of cases matching the filters (GET /cases). */
export function useCases(params: CaseListParams, enabled = true) {
  return useQuery({
    queryKey: caseKeys.list(params),
    queryFn: async () => unwrap(await client.GET("/api/v1/cases", { params: { query: params } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}
