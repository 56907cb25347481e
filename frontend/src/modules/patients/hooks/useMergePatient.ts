import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { patientKeys } from "./patientKeys";

/** Merge a duplicate into this patient, which is kept (POST /patients/{id}/merge). */
export function useMergePatient(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (duplicateId: string) =>
      unwrap(
        await client.POST("/api/v1/patients/{patient_id}/merge", {
          params: { path: { patient_id: patientId } },
          body: { duplicate_id: duplicateId },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientKeys.all }),
  });
}
