import createClient from "openapi-fetch";

import { apiBaseUrl } from "./apiBaseUrl";
import { createAuthMiddleware } from "./authMiddleware";
import type { paths } from "./schema";

/** Typed client for the REST API, generated from the backend's OpenAPI (`npm run gen:api`). */
export const client = createClient<paths>({ baseUrl: apiBaseUrl, credentials: "include" });

client.use(createAuthMiddleware());
