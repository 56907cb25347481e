import { useEffect } from "react";

type ListPage = { items: unknown[]; total: number; total_exact?: boolean };

/**
 * Move a list to its last page, through `update` from useSearchParamState, when the
 * requested page lies past the end, for example after a link to page 2001 of 2000 or after
 * rows were deleted. An empty page with an exact total is past the end. A page whose total
 * is a lower bound always has rows.
 */
export function usePageWithinTotal(
  data: ListPage | undefined,
  page: number,
  pageSize: number,
  update: (changes: Record<string, number>) => void,
) {
  const pastEnd = data !== undefined && data.items.length === 0 && (data.total_exact ?? true) && page > 1;
  const lastPage = Math.max(1, Math.ceil((data?.total ?? 0) / pageSize));

  useEffect(() => {
    if (pastEnd && lastPage < page) {
      update({ page: lastPage });
    }
  }, [pastEnd, lastPage, page, update]);
}
