type Listener = (token: string | null) => void;

let accessToken: string | null = null;
const listeners = new Set<Listener>();

/**
 * In-memory holder of the access token. The token never goes to localStorage or
 * sessionStorage, so a script injected into the page cannot read it after a reload.
 * The refresh token lives in an HttpOnly cookie that the browser sends to /api/v1/auth.
 */
export const tokenStore = {
  get(): string | null {
    return accessToken;
  },
  set(token: string | null): void {
    accessToken = token;
    listeners.forEach((listener) => listener(token));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
