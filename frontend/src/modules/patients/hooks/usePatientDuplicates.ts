import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { patientKeys } from "./patientKeys";

/** Fetch other patients who may be the same person (GET /patients/{id}/duplicates). */
export function usePatientDuplicates(patientId: string, enabled = true) {
  return useQuery({
    queryKey: patientKeys.duplicates(patientId),
    queryFn: async () =>
      unwrap(await client.GET("/api/v1/patients/{patient_id}/duplicates", { params: { path: { patient_id: patientId } } })),
    enabled,
  });
}
