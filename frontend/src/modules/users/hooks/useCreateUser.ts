import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

export type UserCreateBody = ApiRequestBody<"/api/v1/users", "post">;

/** Create a staff or partner account (POST /users, admin); the response may include a one-time password. */
export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserCreateBody) => unwrap(await client.POST("/api/v1/users", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
}
