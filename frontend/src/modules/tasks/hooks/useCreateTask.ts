import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { taskKeys } from "./taskKeys";

export type TaskCreateBody = ApiRequestBody<"/api/v1/tasks", "post">;

/** Create a task (POST /tasks). */
export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TaskCreateBody) => unwrap(await client.POST("/api/v1/tasks", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
