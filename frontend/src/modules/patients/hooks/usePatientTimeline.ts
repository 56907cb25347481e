import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { patientKeys } from "./patientKeys";

/** Fetch the patient's activity timeline, newest first (GET /patients/{id}/timeline). */
export function usePatientTimeline(patientId: string) {
  return useQuery({
    queryKey: patientKeys.timeline(patientId),
    queryFn: async () =>
      unwrap(await client.GET("/api/v1/patients/{patient_id}/timeline", { params: { path: { patient_id: patientId } } })),
  });
}
