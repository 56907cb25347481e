import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { caseKeys } from "./caseKeys";

/** Fetch one case with all its fields (GET /cases/{id}). */
export function useCase(caseId: string) {
  return useQuery({
    queryKey: caseKeys.detail(caseId),
    queryFn: async () => unwrap(await client.GET("/api/v1/cases/{case_id}", { params: { path: { case_id: caseId } } })),
  });
}
