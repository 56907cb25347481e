import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiQuery } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { importKeys } from "./importKeys";

export type ImportRowParams = ApiQuery<"/api/v1/imports/batches/{batch_id}/rows", "get">;

/** Fetch one page of row outcomes of a batch, in sheet order, optionally of one outcome. */
export function useImportRows(batchId: string, params: ImportRowParams, enabled: boolean) {
  return useQuery({
    queryKey: importKeys.rows(batchId, params),
    queryFn: async () =>
      unwrap(await client.GET("/api/v1/imports/batches/{batch_id}/rows", { params: { path: { batch_id: batchId }, query: params } })),
    enabled,
    placeholderData: keepPreviousData,
  });
}
