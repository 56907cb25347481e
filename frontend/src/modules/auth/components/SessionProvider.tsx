import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useCallback, useEffect, useMemo, useState } from "react";

import { client } from "@/api/client";
import { refreshAccessToken } from "@/api/refreshAccessToken";
import { tokenStore } from "@/api/tokenStore";
import { unwrap } from "@/api/unwrap";
import { formDrafts } from "@/modules/common/utils/formDrafts";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { isUiLanguage } from "@/i18n/isUiLanguage";

import { SessionContext, type SessionStatus, type SessionValue } from "../hooks/SessionContext";
import type { CurrentUser } from "../utils/CurrentUser";

export type SessionProviderProps = {
  children: ReactNode;
};

async function fetchCurrentUser(): Promise<CurrentUser> {
  return unwrap(await client.GET("/api/v1/users/me"));
}

/**
 * Restore the session on start-up from the refresh cookie, and hold the current user.
 * The user's saved UI language wins over the one picked on the login page.
 */
export function SessionProvider({ children }: SessionProviderProps) {
  const queryClient = useQueryClient();
  const { setLanguage } = useUiLanguage();
  const [status, setStatus] = useState<SessionStatus>("loading");
  const [user, setUserState] = useState<CurrentUser | null>(null);

  const setUser = useCallback(
    (next: CurrentUser) => {
      setUserState(next);
      setStatus("authenticated");
      if (isUiLanguage(next.ui_language)) {
        setLanguage(next.ui_language);
      }
    },
    [setLanguage],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const token = tokenStore.get() ?? (await refreshAccessToken());
      if (!token) {
        if (!cancelled) setStatus("anonymous");
        return;
      }
      try {
        const me = await fetchCurrentUser();
        if (!cancelled) setUser(me);
      } catch {
        if (!cancelled) setStatus("anonymous");
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [setUser]);

  const login = useCallback(
    async (email: string, password: string) => {
      const body = unwrap(await client.POST("/api/v1/auth/login", { body: { email, password, session_cookie: true } }));
      tokenStore.set(body.access_token);
      // The login response's user has no permissions, which only GET /users/me lists.
      const me = await fetchCurrentUser();
      // Drafts left by someone else in this tab are not this user's to see.
      formDrafts.removeAllExcept(me.id);
      setUser(me);
      return me;
    },
    [setUser],
  );

  const logout = useCallback(async () => {
    try {
      await client.POST("/api/v1/auth/logout", { body: { session_cookie: true } });
    } finally {
      tokenStore.set(null);
      formDrafts.removeAllExcept(null);
      queryClient.clear();
      setUserState(null);
      setStatus("anonymous");
    }
  }, [queryClient]);

  const value = useMemo<SessionValue>(() => ({ status, user, login, logout, setUser }), [status, user, login, logout, setUser]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
