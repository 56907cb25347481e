import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { caseKeys } from "./caseKeys";

/** Fetch the case's stage changes, oldest first, each with the seconds spent in the stage it left. */
export function useCaseStageHistory(caseId: string) {
  return useQuery({
    queryKey: caseKeys.stageHistory(caseId),
    queryFn: async () =>
      unwrap(await client.GET("/api/v1/cases/{case_id}/stage-history", { params: { path: { case_id: caseId } } })),
  });
}
