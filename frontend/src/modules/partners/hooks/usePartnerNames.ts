import { useNamesById } from "@/modules/common/hooks/useNamesById";

import { fetchPartner, partnerKey } from "../utils/fetchPartner";

/** Return a function from partner id to name for the partners a page shows, each fetched once (GET /partners/{id}). */
export function usePartnerNames(partnerIds: readonly (string | null | undefined)[], enabled = true): (id: string | null | undefined) => string {
  return useNamesById(partnerIds, { queryKey: partnerKey, fetchOne: fetchPartner, nameOf: (partner) => partner.name, enabled });
}
