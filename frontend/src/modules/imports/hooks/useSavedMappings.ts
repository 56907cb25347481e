import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { importKeys } from "./importKeys";

/** Fetch the current user's saved column mappings. */
export function useSavedMappings() {
  return useQuery({
    queryKey: importKeys.mappings,
    queryFn: async () => unwrap(await client.GET("/api/v1/imports/mappings")),
  });
}
