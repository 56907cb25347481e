import { useQuery } from "@tanstack/react-query";

import { fetchPartner, partnerKey } from "../utils/fetchPartner";

/** Fetch one partner organization (GET /partners/{id}) to show its name. Without an id there is no request. */
export function usePartner(partnerId: string | null | undefined, enabled = true) {
  return useQuery({
    queryKey: partnerKey(partnerId),
    queryFn: () => fetchPartner(partnerId ?? ""),
    enabled: enabled && Boolean(partnerId),
    staleTime: 5 * 60_000,
  });
}
