import type { Middleware } from "openapi-fetch";

import { redirectToLogin } from "./redirectToLogin";
import { refreshAccessToken } from "./refreshAccessToken";
import { tokenStore } from "./tokenStore";

// Requests whose 401 means "wrong credentials" or "session over", never "token expired".
const AUTH_PATHS = ["/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout"];

// 401 codes about what the user typed, not about the token: a refresh would not help.
const CREDENTIAL_ERROR_CODES = new Set(["invalid_credentials", "current_password_incorrect"]);

async function isCredentialError(response: Response): Promise<boolean> {
  try {
    const body = (await response.clone().json()) as { error?: { code?: string } };
    return CREDENTIAL_ERROR_CODES.has(body.error?.code ?? "");
  } catch {
    return false;
  }
}

function isAuthRequest(url: string): boolean {
  const { pathname } = new URL(url, window.location.origin);
  return AUTH_PATHS.includes(pathname);
}

/**
 * Build the openapi-fetch middleware that attaches the in-memory access token, and on a
 * 401 refreshes once and replays the request. A failed refresh sends the user to
 * /login?next=<current path>&reason=session_expired. `fetchImpl` is injectable for tests.
 */
export function createAuthMiddleware(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): Middleware {
  // Bodies are streams: keep an unread copy of each request so it can be replayed.
  const pendingCopies = new Map<string, Request>();

  return {
    onRequest({ request, id }) {
      request.headers.set("Accept-Language", document.documentElement.lang || "ja");
      const token = tokenStore.get();
      if (token) {
        request.headers.set("Authorization", `Bearer ${token}`);
      }
      if (!isAuthRequest(request.url)) {
        pendingCopies.set(id, request.clone());
      }
      return request;
    },

    async onResponse({ request, response, id }) {
      const copy = pendingCopies.get(id);
      pendingCopies.delete(id);
      if (response.status !== 401 || !copy || isAuthRequest(request.url) || (await isCredentialError(response))) {
        return response;
      }

      const token = await refreshAccessToken();
      if (!token) {
        // The refresh cookie is spent, revoked, idle too long or past its end.
        redirectToLogin("session_expired");
        return response;
      }

      copy.headers.set("Authorization", `Bearer ${token}`);
      return fetchImpl(copy);
    },

    onError({ id }) {
      pendingCopies.delete(id);
    },
  };
}
