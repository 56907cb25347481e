import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { patientKeys } from "./patientKeys";

/** Fetch one patient's profile without encrypted fields (GET /patients/{id}). */
export function usePatient(patientId: string) {
  return useQuery({
    queryKey: patientKeys.detail(patientId),
    queryFn: async () => unwrap(await client.GET("/api/v1/patients/{patient_id}", { params: { path: { patient_id: patientId } } })),
  });
}
