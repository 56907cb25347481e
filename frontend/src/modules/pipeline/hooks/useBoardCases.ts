import { keepPreviousData, useQueries } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { caseKeys } from "@/modules/cases/hooks/caseKeys";
import type { CaseListParams } from "@/modules/cases/hooks/useCases";
import { caseStages } from "@/modules/cases/utils/caseStages";

/**
 * Fetch the board: for each stage, in `caseStages` order, the `columnSize` cases that
 * entered it last and the stage's total, as one GET /cases per stage in parallel.
 */
export function useBoardCases(filters: CaseListParams, columnSize: number, enabled = true) {
  return useQueries({
    queries: caseStages.map((stage) => {
      const params: CaseListParams = { ...filters, stage: [stage], page: 1, page_size: columnSize, sort: "-stage_changed_at" };
      return {
        queryKey: caseKeys.list(params),
        queryFn: async () => unwrap(await client.GET("/api/v1/cases", { params: { query: params } })),
        placeholderData: keepPreviousData,
        enabled,
      };
    }),
    combine: (results) => ({
      pages: results.map((result) => result.data),
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.error)?.error ?? null,
      refetch: () => results.forEach((result) => void result.refetch()),
    }),
  });
}
