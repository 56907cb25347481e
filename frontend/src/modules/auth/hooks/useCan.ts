import { useCallback } from "react";

import type { Permission } from "../utils/Permission";
import { useSession } from "./useSession";

/**
 * Return a check of whether the logged-in user has a permission, as GET /users/me lists
 * them. The UI uses it only to show or hide controls, because the API checks every request.
 */
export function useCan(): (permission: Permission) => boolean {
  const { user } = useSession();
  return useCallback((permission: Permission) => Boolean(user?.permissions.includes(permission)), [user]);
}
