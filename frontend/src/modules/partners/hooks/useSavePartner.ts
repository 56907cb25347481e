import { useMutation, useQueryClient } from "@tanstack/react-query";

import { client } from "@/api/client";
import type { ApiRequestBody } from "@/api/types";
import { unwrap } from "@/api/unwrap";

export type PartnerCreateBody = ApiRequestBody<"/api/v1/partners", "post">;

/** Create a partner organization (no id) or change one (POST /partners, PATCH /partners/{id}). */
export function useSavePartner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ partnerId, body }: { partnerId?: string; body: PartnerCreateBody }) =>
      partnerId
        ? unwrap(await client.PATCH("/api/v1/partners/{partner_id}", { params: { path: { partner_id: partnerId } }, body }))
        : unwrap(await client.POST("/api/v1/partners", { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["partners"] }),
  });
}
