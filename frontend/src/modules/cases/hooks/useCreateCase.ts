import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { caseKeys } from "./caseKeys";

export type CaseCreateBody = ApiRequestBody<"/api/v1/cases", "post">;

/** Open a new case for a patient (POST /cases). */
export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CaseCreateBody) => unwrap(await client.POST("/api/v1/cases", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all }),
  });
}
