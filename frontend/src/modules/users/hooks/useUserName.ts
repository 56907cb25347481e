import { useCallback } from "react";

import { useCan } from "@/modules/auth/hooks/useCan";

import { useUsers } from "./useUsers";

/** A function from user id to display name; partner users cannot list staff and get "". */
export function useUserName(): (id: string | null | undefined) => string {
  const can = useCan();
  const { data } = useUsers(can("users:read"));
  return useCallback((id) => data?.items.find((user) => user.id === id)?.display_name ?? "", [data]);
}
