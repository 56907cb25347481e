import { client } from "@/api/client";
import type { components } from "@/api/schema";
import { unwrap } from "@/api/unwrap";
import { RemoteSearchSelect, type RemoteSearchSelectProps, type SearchOption } from "@/modules/common/components/RemoteSearchSelect";

import { fetchPartner } from "../utils/fetchPartner";

type PartnerKind = components["schemas"]["PartnerKind"];

const RESULTS = 20;

export type PartnerPickerProps = Omit<RemoteSearchSelectProps, "queryKey" | "search" | "fetchOption"> & {
  /** Offer only partners of this kind, for example guarantor organizations. */
  kind?: PartnerKind;
};

async function fetchPartnerOption(partnerId: string): Promise<SearchOption> {
  const partner = await fetchPartner(partnerId);
  return { value: partner.id, label: partner.name };
}

/** Pick a partner organization by name, searching GET /partners as the user types. */
export function PartnerPicker({ kind, ...selectProps }: PartnerPickerProps) {
  const search = async (text: string): Promise<SearchOption[]> => {
    const query = { q: text || undefined, kind, sort: "name", page_size: RESULTS };
    const page = unwrap(await client.GET("/api/v1/partners", { params: { query } }));
    return page.items.map((partner) => ({ value: partner.id, label: partner.name }));
  };

  return <RemoteSearchSelect {...selectProps} queryKey={["partners", "picker", kind ?? "any"]} search={search} fetchOption={fetchPartnerOption} />;
}
