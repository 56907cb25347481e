import { useState } from "react";
import { useLocation } from "react-router-dom";

import { useSession } from "@/modules/auth/hooks/useSession";

import { formDrafts } from "../utils/formDrafts";

/**
 * Return whether the current page has a stored draft of the named form, read once when the
 * page mounts. Pages use it to reopen the drawer or tab that contains the form.
 */
export function useHasFormDraft(formName: string): boolean {
  const { user } = useSession();
  const { pathname } = useLocation();
  const [hasDraft] = useState(() => Boolean(user && formDrafts.read(formDrafts.key(user.id, pathname, formName))));
  return hasDraft;
}
