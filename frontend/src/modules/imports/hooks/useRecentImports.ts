import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { importKeys } from "./importKeys";

const RECENT_BATCHES = 10;

/** Fetch the latest import batches (GET /imports/batches), every 5 seconds while one of them runs. */
export function useRecentImports() {
  return useQuery({
    queryKey: importKeys.batches,
    queryFn: async () => unwrap(await client.GET("/api/v1/imports/batches", { params: { query: { page_size: RECENT_BATCHES } } })),
    // Fetched again each time the upload step shows, so an import run just now is listed.
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.items.some((batch) => batch.status === "running") ? 5000 : false),
  });
}
