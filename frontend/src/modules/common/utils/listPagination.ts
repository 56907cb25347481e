import type { TFunction } from "i18next";

type ListPage = { total: number; total_exact?: boolean };

/**
 * Build Ant Design pagination for a list whose count may stop early. When the API marks
 * the total as a lower bound, one more page stays reachable and the label reads "1000件以上".
 */
export function listPagination(t: TFunction, data: ListPage | undefined, page: number, pageSize: number) {
  const total = data?.total ?? 0;
  const exact = data?.total_exact ?? true;
  return {
    current: page,
    pageSize,
    total: exact ? total : Math.max(total, page * pageSize) + pageSize,
    showSizeChanger: false,
    showTotal: () => t(exact ? "common.totalCount" : "common.totalAtLeast", { count: total }),
  };
}
