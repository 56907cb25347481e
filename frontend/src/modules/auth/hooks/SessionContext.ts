import { createContext } from "react";

import type { CurrentUser } from "../utils/CurrentUser";

export type SessionStatus = "loading" | "authenticated" | "anonymous";

export type SessionValue = {
  status: SessionStatus;
  user: CurrentUser | null;
  login: (email: string, password: string) => Promise<CurrentUser>;
  logout: () => Promise<void>;
  setUser: (user: CurrentUser) => void;
};

export const SessionContext = createContext<SessionValue | null>(null);
