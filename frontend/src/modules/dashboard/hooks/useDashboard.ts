import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

/** Fetch the figures for the dashboard (GET /dashboard), refreshed every minute while the page is open. */
export function useDashboard() {
  return useQuery({
    queryKey: ["dashboard"],
    queryFn: async () => unwrap(await client.GET("/api/v1/dashboard")),
    refetchInterval: 60_000,
  });
}
