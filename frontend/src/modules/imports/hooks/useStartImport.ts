import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { importKeys } from "./importKeys";

export type ImportOptionsBody = ApiRequestBody<"/api/v1/imports/batches/{batch_id}/preview", "post">;

export type StartImportInput = {
  batchId: string;
  /** true runs the preview (nothing is written), false the real import. */
  dryRun: boolean;
  options: ImportOptionsBody;
};

/** Start a preview or the import of an uploaded sheet; both run in the background, so poll the batch. */
export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ batchId, dryRun, options }: StartImportInput) => {
      const params = { path: { batch_id: batchId } };
      const result = dryRun
        ? await client.POST("/api/v1/imports/batches/{batch_id}/preview", { params, body: options })
        : await client.POST("/api/v1/imports/batches/{batch_id}/commit", { params, body: options });
      return unwrap(result);
    },
    onSuccess: async (batch) => {
      await queryClient.invalidateQueries({ queryKey: importKeys.batch(batch.id) });
      await queryClient.invalidateQueries({ queryKey: ["imports", "rows", batch.id] });
    },
  });
}
