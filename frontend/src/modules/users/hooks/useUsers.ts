import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";

export type UserListParams = ApiQuery<"/api/v1/users", "get">;

/** Fetch one page of staff accounts matching the search text and filters (GET /users), for the user admin page. */
export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: ["users", "list", params],
    queryFn: async () => unwrap(await client.GET("/api/v1/users", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}
