import { jsonResponse } from "./jsonResponse";

export const EMPTY_PAGE = { items: [], total: 0, page: 1, page_size: 50, total_exact: true };

/**
 * Stub `fetch` so that requests to `pathname` return the response that `respond` builds and
 * requests to any other path return no rows: an empty list for GET /departments, which is
 * not paged, and an empty page otherwise. Returns the query of every request to `pathname`,
 * in order.
 */
export function stubListEndpoint(pathname: string, respond: (url: URL) => Response): URLSearchParams[] {
  const queries: URLSearchParams[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (url.pathname !== pathname) {
        return jsonResponse(url.pathname === "/api/v1/departments" ? [] : EMPTY_PAGE);
      }
      queries.push(url.searchParams);
      return respond(url);
    }),
  );
  return queries;
}
