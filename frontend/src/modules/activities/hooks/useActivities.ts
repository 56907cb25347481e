import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { activityKeys } from "./activityKeys";

export type ActivityListParams = ApiQuery<"/api/v1/activities", "get">;

/** Fetch activities of a patient or a case, newest first (GET /activities). */
export function useActivities(params: ActivityListParams) {
  return useQuery({
    queryKey: activityKeys.list(params),
    queryFn: async () => unwrap(await client.GET("/api/v1/activities", { params: { query: params } })),
  });
}
