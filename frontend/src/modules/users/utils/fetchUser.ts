import { client } from "@/api/client";
import { unwrap } from "@/api/unwrap";

/** Fetch one staff account (GET /users/{id}). */
export async function fetchUser(userId: string) {
  return unwrap(await client.GET("/api/v1/users/{user_id}", { params: { path: { user_id: userId } } }));
}

/** Query key of one account, shared by every hook that fetches an account by id. */
export function userKey(userId: string) {
  return ["users", "one", userId] as const;
}
