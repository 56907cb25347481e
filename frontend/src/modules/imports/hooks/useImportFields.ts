import { useQuery } from "@tanstack/react-query";

import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

import { importKeys } from "./importKeys";

/** Fetch the patient fields a sheet column can be mapped to, with labels in three languages. */
export function useImportFields() {
  return useQuery({
    queryKey: importKeys.fields,
    queryFn: async () => unwrap(await client.GET("/api/v1/imports/fields")),
    staleTime: Infinity,
  });
}
