import createClient from "openapi-fetch";

import { jsonResponse } from "@/test/jsonResponse";

import { createAuthMiddleware } from "./authMiddleware";
import { isLeavingForLogin } from "./redirectToLogin";
import type { paths } from "./schema";
import { tokenStore } from "./tokenStore";

const BASE = "http://localhost:3001";

function headerOf(input: RequestInfo | URL, name: string): string | null {
  return input instanceof Request ? input.headers.get(name) : null;
}

function urlOf(input: RequestInfo | URL): string {
  return input instanceof Request ? input.url : String(input);
}

describe("createAuthMiddleware", () => {
  const assign = vi.fn();

  beforeEach(() => {
    tokenStore.set("old-token");
    vi.stubGlobal("location", { ...window.location, assign, pathname: "/patients", search: "?q=wang", origin: "http://localhost:3000" });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    assign.mockReset();
    tokenStore.set(null);
  });

  it("should attach the access token", async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      expect(headerOf(input, "Authorization")).toBe("Bearer old-token");
      return jsonResponse({ items: [], total: 0, page: 1, page_size: 50 });
    });
    const client = createClient<paths>({ baseUrl: BASE, fetch: fetchMock });
    client.use(createAuthMiddleware(fetchMock));

    const { response } = await client.GET("/api/v1/patients");

    expect(response.status).toBe(200);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("should refresh once and replay after a 401", async () => {
    const apiFetch = vi.fn(async (input: RequestInfo | URL) =>
      headerOf(input, "Authorization") === "Bearer new-token" ? jsonResponse({ id: "me" }) : jsonResponse({ error: { code: "invalid_token" } }, 401),
    );
    vi.stubGlobal(
      "fetch",
      vi.fn(async (input: RequestInfo | URL) => {
        expect(urlOf(input)).toMatch(/\/api\/v1\/auth\/refresh$/);
        return jsonResponse({ access_token: "new-token" });
      }),
    );
    const client = createClient<paths>({ baseUrl: BASE, fetch: apiFetch });
    client.use(createAuthMiddleware(apiFetch));

    const { data, response } = await client.GET("/api/v1/users/me");

    expect(response.status).toBe(200);
    expect(data).toEqual({ id: "me" });
    expect(apiFetch).toHaveBeenCalledTimes(2);
    expect(tokenStore.get()).toBe("new-token");
  });

  it("should send the user to login, saying why, when refresh fails", async () => {
    const apiFetch = vi.fn(async () => jsonResponse({ error: { code: "session_expired" } }, 401));
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ error: { code: "invalid_token" } }, 401)));
    const client = createClient<paths>({ baseUrl: BASE, fetch: apiFetch });
    client.use(createAuthMiddleware(apiFetch));

    const { response } = await client.GET("/api/v1/users/me");

    expect(response.status).toBe(401);
    expect(assign).toHaveBeenCalledWith("/login?next=%2Fpatients%3Fq%3Dwang&reason=session_expired");
    expect(isLeavingForLogin()).toBe(true);
    expect(tokenStore.get()).toBeNull();
  });

  it("should not refresh after a wrong current password", async () => {
    const apiFetch = vi.fn(async () => jsonResponse({ error: { code: "current_password_incorrect" } }, 401));
    const refresh = vi.fn();
    vi.stubGlobal("fetch", refresh);
    const client = createClient<paths>({ baseUrl: BASE, fetch: apiFetch });
    client.use(createAuthMiddleware(apiFetch));

    const { response } = await client.POST("/api/v1/users/me/password", { body: { current_password: "x", new_password: "y" } });

    expect(response.status).toBe(401);
    expect(apiFetch).toHaveBeenCalledTimes(1);
    expect(refresh).not.toHaveBeenCalled();
  });

  it("should not refresh after a failed login", async () => {
    const apiFetch = vi.fn(async () => jsonResponse({ error: { code: "invalid_credentials" } }, 401));
    const refresh = vi.fn();
    vi.stubGlobal("fetch", refresh);
    const client = createClient<paths>({ baseUrl: BASE, fetch: apiFetch });
    client.use(createAuthMiddleware(apiFetch));

    const { response } = await client.POST("/api/v1/auth/login", { body: { email: "a@example.com", password: "x" } });

    expect(response.status).toBe(401);
    expect(refresh).not.toHaveBeenCalled();
    expect(assign).not.toHaveBeenCalled();
  });
});
