import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

// NOTE: the API caps a page at 200 rows, so the partner admin page lists only the first 200
// by name. Pickers search with PartnerPicker and names come from usePartnerNames.
/** Fetch partner organizations (GET /partners), first 200 by name, for the admin page. Partner users may not list them. */
export function usePartners(enabled = true) {
  return useQuery({
    queryKey: ["partners"],
    queryFn: async () => unwrap(await client.GET("/api/v1/partners", { params: { query: { page_size: 200, sort: "name" } } })),
    staleTime: 5 * 60_000,
    enabled,
  });
}
