import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { patientKeys } from "./patientKeys";

export type PatientUpdateBody = ApiRequestBody<"/api/v1/patients/{patient_id}", "patch">;

/** Change a patient's profile (PATCH /patients/{id}). */
export function useUpdatePatient(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: PatientUpdateBody) =>
      unwrap(await client.PATCH("/api/v1/patients/{patient_id}", { params: { path: { patient_id: patientId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientKeys.all }),
  });
}
