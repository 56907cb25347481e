import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

/** Fetch staff accounts (GET /users), first 200, for owner and assignee pickers and the admin page. */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: ["users"],
    queryFn: async () => unwrap(await client.GET("/api/v1/users", { params: { query: { page_size: 200 } } })),
    staleTime: 5 * 60_000,
    enabled,
  });
}
