import { useContext } from "react";

import { SessionContext, type SessionValue } from "./SessionContext";

/** Return the current session: status, user, and the login and logout actions. */
export function useSession(): SessionValue {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error("useSession must be used inside <SessionProvider>.");
  }
  return session;
}
