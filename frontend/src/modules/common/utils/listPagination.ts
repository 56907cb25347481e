import type { TFunction } from "i18next";
import type { ReactNode } from "react";

type ListPage = { total: number; total_exact?: boolean };

/**
 * Build Ant Design pagination for a list whose count may stop early. When the API marks
 * the total as a lower bound, one more page stays reachable and the label reads "1,000件以上".
 * That extra page is not the end of the list, so the pager hides its number and shows only
 * the next and jump-forward buttons towards it.
 */
export function listPagination(t: TFunction, data: ListPage | undefined, page: number, pageSize: number) {
  const total = data?.total ?? 0;
  const exact = data?.total_exact ?? true;
  const pagerTotal = exact ? total : Math.max(total, page * pageSize) + pageSize;
  const lastPage = Math.ceil(pagerTotal / pageSize);

  return {
    current: page,
    pageSize,
    total: pagerTotal,
    showSizeChanger: false,
    showTotal: () => t(exact ? "common.totalCount" : "common.totalAtLeast", { count: total }),
    itemRender: (pageNumber: number, type: string, element: ReactNode) => {
      const unknownEnd = !exact && type === "page" && pageNumber === lastPage;
      return unknownEnd ? null : element;
    },
  };
}
