import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";

export type AuditEventParams = ApiQuery<"/api/v1/audit-events", "get">;

/** Fetch one page of audit events matching the filters (GET /audit-events, admin only). */
export function useAuditEvents(params: AuditEventParams) {
  return useQuery({
    queryKey: ["audit-events", params],
    queryFn: async () => unwrap(await client.GET("/api/v1/audit-events", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}
