import createClient from "openapi-fetch";

import { apiBaseUrl } from "./apiBaseUrl";
import { createAuthMiddleware } from "./authMiddleware";
import type { paths } from "./schema";

/** Typed client for the REST API, generated from the backend's OpenAPI (`npm run gen:api`). */
export const client = createClient<paths>({
  baseUrl: apiBaseUrl,
  credentials: "include",
  // Look fetch up on each call instead of capturing it at import, so tests can stub it.
  fetch: (request) => globalThis.fetch(request),
});

client.use(createAuthMiddleware());
