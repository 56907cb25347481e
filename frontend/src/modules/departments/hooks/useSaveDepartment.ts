import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

export type DepartmentCreateBody = ApiRequestBody<"/api/v1/departments", "post">;

/** Create a department (no id) or change one (POST /departments, PATCH /departments/{id}; admin). */
export function useSaveDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ departmentId, body }: { departmentId?: string; body: DepartmentCreateBody }) =>
      departmentId
        ? unwrap(
            await client.PATCH("/api/v1/departments/{department_id}", {
              params: { path: { department_id: departmentId } },
              body,
            }),
          )
        : unwrap(await client.POST("/api/v1/departments", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["departments"] }),
  });
}
