import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { activityKeys } from "@/modules/activities/hooks/activityKeys";
import { caseKeys } from "@/modules/cases/hooks/caseKeys";
import { taskKeys } from "@/modules/tasks/hooks/taskKeys";

import { patientKeys } from "./patientKeys";

/**
 * Merge a duplicate into this patient, which is kept (POST /patients/{id}/merge). The API
 * moves the duplicate's cases, activities, tasks and consents to the kept patient, so
 * every list of those is refetched as well as the patients.
 */
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
    onSuccess: () =>
      Promise.all(
        [patientKeys.all, caseKeys.all, activityKeys.all, taskKeys.all, ["dashboard"]].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
  });
}
