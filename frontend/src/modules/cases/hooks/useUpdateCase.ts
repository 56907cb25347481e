import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { caseKeys } from "./caseKeys";

export type CaseUpdateBody = ApiRequestBody<"/api/v1/cases/{case_id}", "patch">;

/** Change a case's fields (PATCH /cases/{id}); the stage changes through useMoveCaseStage instead. */
export function useUpdateCase(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CaseUpdateBody) =>
      unwrap(await client.PATCH("/api/v1/cases/{case_id}", { params: { path: { case_id: caseId } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
    },
  });
}
