import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { taskKeys } from "./taskKeys";

export type TaskListParams = ApiQuery<"/api/v1/tasks", "get">;

/** Fetch tasks matching the filters (GET /tasks), with due times in Tokyo and in the patient's zone. */
export function useTasks(params: TaskListParams, enabled = true) {
  return useQuery({
    queryKey: taskKeys.list(params),
    queryFn: async () => unwrap(await client.GET("/api/v1/tasks", { params: { query: params } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}
