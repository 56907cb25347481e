import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { patientKeys } from "./patientKeys";

export type PatientListParams = ApiQuery<"/api/v1/patients", "get">;

/** Fetch one page of patients matching the search box and filters (GET /patients). */
export function usePatients(params: PatientListParams) {
  return useQuery({
    queryKey: patientKeys.list(params),
    queryFn: async () => unwrap(await client.GET("/api/v1/patients", { params: { query: params } })),
    placeholderData: keepPreviousData,
  });
}
