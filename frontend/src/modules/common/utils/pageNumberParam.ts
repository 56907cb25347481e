/** Read the 1-based `page` of a list from the URL. A missing, zero, negative or non-integer value means page 1. */
export function pageNumberParam(searchParams: URLSearchParams): number {
  const page = Number(searchParams.get("page"));
  return Number.isInteger(page) && page >= 1 ? page : 1;
}
