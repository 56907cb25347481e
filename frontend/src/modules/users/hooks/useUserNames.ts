import { useCan } from "@/modules/auth/hooks/useCan";
import { useNamesById } from "@/modules/common/hooks/useNamesById";

import { fetchUser, userKey } from "../utils/fetchUser";

/**
 * Return a function from user id to display name for the accounts a page shows, each
 * fetched once (GET /users/{id}). Users without users:read, such as partner users, get "".
 */
export function useUserNames(userIds: readonly (string | null | undefined)[]): (id: string | null | undefined) => string {
  const can = useCan();
  return useNamesById(userIds, { queryKey: userKey, fetchOne: fetchUser, nameOf: (user) => user.display_name, enabled: can("users:read") });
}
