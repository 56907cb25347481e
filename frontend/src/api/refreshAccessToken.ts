import { apiBaseUrl } from "./apiBaseUrl";
import { tokenStore } from "./tokenStore";

let inFlight: Promise<string | null> | null = null;

/**
 * Ask for a new access token with the HttpOnly refresh cookie. Concurrent callers share
 * one request, because the server rotates the refresh token and a second parallel call
 * would present a token that is already spent. Resolves to null when the session is over.
 */
export function refreshAccessToken(): Promise<string | null> {
  if (inFlight) {
    return inFlight;
  }

  inFlight = (async () => {
    try {
      const response = await fetch(`${apiBaseUrl}/api/v1/auth/refresh`, {
        method: "POST",
        credentials: "include",
        headers: { "Content-Type": "application/json" },
        // With session_cookie the server rotates the cookie instead of returning the refresh token in JSON.
        body: JSON.stringify({ session_cookie: true }),
      });
      if (!response.ok) {
        tokenStore.set(null);
        return null;
      }
      const body = (await response.json()) as { access_token?: string };
      const token = body.access_token ?? null;
      tokenStore.set(token);
      return token;
    } catch {
      tokenStore.set(null);
      return null;
    } finally {
      inFlight = null;
    }
  })();

  return inFlight;
}
