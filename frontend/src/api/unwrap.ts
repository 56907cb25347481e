import { ApiError } from "./ApiError";

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Return the body of a successful openapi-fetch call, or throw an ApiError. */
export function unwrap<T>(result: FetchResult<T>): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, result.error);
  }
  return result.data as T;
}
