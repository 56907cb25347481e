import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

export type UserUpdateBody = ApiRequestBody<"/api/v1/users/{user_id}", "patch">;

/** Change a user's role, languages or active flag (PATCH /users/{id}, admin). */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ userId, body }: { userId: string; body: UserUpdateBody }) =>
      unwrap(await client.PATCH("/api/v1/users/{user_id}", { params: { path: { user_id: userId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["users"] }),
  });
}
