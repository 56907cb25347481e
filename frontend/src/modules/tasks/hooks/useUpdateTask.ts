import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { taskKeys } from "./taskKeys";

export type TaskUpdateBody = ApiRequestBody<"/api/v1/tasks/{task_id}", "patch">;

/** Change a task, for example mark it done (PATCH /tasks/{id}). */
export function useUpdateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ taskId, body }: { taskId: string; body: TaskUpdateBody }) =>
      unwrap(await client.PATCH("/api/v1/tasks/{task_id}", { params: { path: { task_id: taskId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
