import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { patientKeys } from "./patientKeys";

export type PatientCreateBody = ApiRequestBody<"/api/v1/patients", "post">;

/** Register a patient (POST /patients); a 409 `duplicate_candidates` error carries the look-alikes. */
export function useCreatePatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: PatientCreateBody) => unwrap(await client.POST("/api/v1/patients", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientKeys.all }),
  });
}
