import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

// NOTE: the API caps a page at 200 rows, so the admin page and useUserName see only the
// first 200 accounts by name. Owner and assignee pickers search with UserPicker instead.
/** Fetch staff accounts (GET /users), first 200 by name, for the admin page and user names. */
export function useUsers(enabled = true) {
  return useQuery({
    queryKey: ["users"],
    queryFn: async () => unwrap(await client.GET("/api/v1/users", { params: { query: { page_size: 200 } } })),
    staleTime: 5 * 60_000,
    enabled,
  });
}
