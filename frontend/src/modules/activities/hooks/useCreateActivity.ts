import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";
import { patientKeys } from "@/modules/patients/hooks/patientKeys";

import { activityKeys } from "./activityKeys";

export type ActivityCreateBody = ApiRequestBody<"/api/v1/activities", "post">;

/** Record a note, call, email or message (POST /activities). */
export function useCreateActivity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ActivityCreateBody) => unwrap(await client.POST("/api/v1/activities", { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
      await queryClient.invalidateQueries({ queryKey: patientKeys.all });
    },
  });
}
