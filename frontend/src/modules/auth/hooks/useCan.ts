import { useCallback } from "react";

import { type Ability, roleAbilities } from "../utils/roleAbilities";
import { useSession } from "./useSession";

/** Return a check of whether the logged-in user's role allows an ability in the UI. */
export function useCan(): (ability: Ability) => boolean {
  const { user } = useSession();
  return useCallback(
    (ability: Ability) => Boolean(user && (roleAbilities[ability] as readonly string[]).includes(user.role)),
    [user],
  );
}
