import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { components } from "@/api/schema";
import { unwrap } from "@/api/unwrap";

import { importKeys } from "./importKeys";

export type BatchStatus = components["schemas"]["BatchStatus"];

/**
 * Fetch an import batch, polling every second until its status is one of `until`. The
 * response to starting a run can still show the old status, so the caller names the
 * status it waits for instead of polling only while "running". `startedFrom` is the
 * status the batch had when a run was requested: it does not count as settled, because
 * a resumed import is "failed" until the background run starts.
 */
export function useImportBatch(batchId: string | null, until: readonly BatchStatus[] | null, startedFrom: BatchStatus | null = null) {
  return useQuery({
    queryKey: importKeys.batch(batchId ?? ""),
    queryFn: async () =>
      unwrap(await client.GET("/api/v1/imports/batches/{batch_id}", { params: { path: { batch_id: batchId ?? "" } } })),
    enabled: batchId !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      const settled = until === null || (status !== undefined && until.includes(status) && status !== startedFrom);
      return settled ? false : 1000;
    },
  });
}
