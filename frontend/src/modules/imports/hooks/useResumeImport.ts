import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { importKeys } from "./importKeys";

/**
 * Continue a failed import after its last committed row, with its original options
 * (POST /imports/batches/{id}/resume). It runs in the background, so poll the batch.
 */
export function useResumeImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (batchId: string) =>
      unwrap(await client.POST("/api/v1/imports/batches/{batch_id}/resume", { params: { path: { batch_id: batchId } } })),
    onSuccess: async (batch) => {
      await queryClient.invalidateQueries({ queryKey: importKeys.batch(batch.id) });
      await queryClient.invalidateQueries({ queryKey: importKeys.batches });
    },
  });
}
