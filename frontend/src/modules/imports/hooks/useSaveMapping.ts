import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

import { importKeys } from "./importKeys";

export type MappingBody = ApiRequestBody<"/api/v1/imports/mappings/{name}", "put">;

/** Save a column mapping under a name, replacing one of the same name. */
export function useSaveMapping() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ name, mapping }: { name: string; mapping: MappingBody["mapping"] }) =>
      unwrap(await client.PUT("/api/v1/imports/mappings/{name}", { params: { path: { name } }, body: { mapping } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importKeys.mappings }),
  });
}
