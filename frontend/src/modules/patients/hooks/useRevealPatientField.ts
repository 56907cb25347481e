import { useMutation } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

export type RevealableField = "passport_number" | "medical_summary" | "allergies";

/**
 * Decrypt one protected field on demand (POST /patients/{id}/reveal). The server writes
 * an audit event per call, so the value is kept in component state only, never cached.
 */
export function useRevealPatientField(patientId: string) {
  return useMutation({
    mutationFn: async (field: RevealableField) => {
      const body = unwrap(
        await client.POST("/api/v1/patients/{patient_id}/reveal", {
          params: { path: { patient_id: patientId } },
          body: { fields: [field] },
        }),
      );
      return (body as Record<string, string | null>)[field] ?? null;
    },
  });
}
