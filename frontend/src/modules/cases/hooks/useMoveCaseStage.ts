import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import type { CaseStage } from "../utils/caseStages";
import { withCaseStage } from "../utils/withCaseStage";
import { caseKeys } from "./caseKeys";

export type MoveCaseStageInput = {
  caseId: string;
  toStage: CaseStage;
  lostReason?: string;
};

type CachedPage = { items: { id: string; stage: string }[] } & Record<string, unknown>;

/**
 * Move a case to another stage (POST /cases/{id}/stage). Cached lists show the move at
 * once; when the API refuses (for example 409 `invalid_stage_transition`) they roll back
 * and the caller's onError shows why.
 */
export function useMoveCaseStage() {
  const queryClient = useQueryClient();
  const listPrefix = [...caseKeys.all, "list"];

  return useMutation({
    mutationFn: async ({ caseId, toStage, lostReason }: MoveCaseStageInput) =>
      unwrap(
        await client.POST("/api/v1/cases/{case_id}/stage", {
          params: { path: { case_id: caseId } },
          body: { to_stage: toStage, lost_reason: lostReason ?? null },
        }),
      ),

    onMutate: async ({ caseId, toStage }) => {
      await queryClient.cancelQueries({ queryKey: listPrefix });
      const snapshot = queryClient.getQueriesData<CachedPage>({ queryKey: listPrefix });
      queryClient.setQueriesData<CachedPage>({ queryKey: listPrefix }, (page) => withCaseStage(page, caseId, toStage));
      return { snapshot };
    },

    onError: (_error, _input, context) => {
      context?.snapshot.forEach(([key, page]) => queryClient.setQueryData(key, page));
    },

    onSettled: async (_data, _error, { caseId }) => {
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      await queryClient.invalidateQueries({ queryKey: ["dashboard"] });
      await queryClient.invalidateQueries({ queryKey: ["activities"] });
      await queryClient.invalidateQueries({ queryKey: caseKeys.stageHistory(caseId) });
    },
  });
}
