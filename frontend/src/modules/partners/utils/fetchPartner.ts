import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

/** Fetch one partner organization (GET /partners/{id}). */
export async function fetchPartner(partnerId: string) {
  return unwrap(await client.GET("/api/v1/partners/{partner_id}", { params: { path: { partner_id: partnerId } } }));
}

/** Query key of one partner, shared by every hook that fetches a partner by id. */
export function partnerKey(partnerId: string | null | undefined) {
  return ["partners", "one", partnerId] as const;
}
