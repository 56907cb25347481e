import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";
import { RemoteSearchSelect, type RemoteSearchSelectProps, type SearchOption } from "@/modules/common/components/RemoteSearchSelect";

import { fetchUser } from "../utils/fetchUser";

const RESULTS = 20;

export type UserPickerProps = Omit<RemoteSearchSelectProps, "queryKey" | "search" | "fetchOption"> & {
  /** Offer only active accounts, for assigning new work. */
  activeOnly?: boolean;
};

async function fetchUserOption(userId: string): Promise<SearchOption> {
  const user = await fetchUser(userId);
  return { value: user.id, label: user.display_name };
}

/** Pick a staff account by name or email, searching GET /users as the user types. */
export function UserPicker({ activeOnly = false, ...selectProps }: UserPickerProps) {
  const search = async (text: string): Promise<SearchOption[]> => {
    const query = { q: text || undefined, active: activeOnly ? true : undefined, page_size: RESULTS };
    const page = unwrap(await client.GET("/api/v1/users", { params: { query } }));
    return page.items.map((user) => ({ value: user.id, label: user.display_name }));
  };

  return <RemoteSearchSelect {...selectProps} queryKey={["users", "picker", activeOnly ? "active" : "any"]} search={search} fetchOption={fetchUserOption} />;
}
