import type { ApiResponse } from "@/api/types";

/** The logged-in user as GET /api/v1/users/me returns it. */
export type CurrentUser = ApiResponse<"/api/v1/users/me", "get">;
