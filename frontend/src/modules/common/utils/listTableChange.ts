import type { TablePaginationConfig } from "antd";
import type { SorterResult, TableCurrentDataSource } from "antd/es/table/interface";

import { antdSortToParam } from "./antdSortToParam";

type UpdateSearchParams = (changes: Record<string, string | number | undefined | null>) => void;

/**
 * Build a Table `onChange` that stores a new sort or page in the URL. A new sort goes
 * back to page 1 because useSearchParamState drops the page on any other change.
 */
export function listTableChange<Row>(update: UpdateSearchParams) {
  return (
    pagination: TablePaginationConfig,
    _filters: unknown,
    sorter: SorterResult<Row> | SorterResult<Row>[],
    extra: TableCurrentDataSource<Row>,
  ) => {
    if (extra.action === "sort") {
      update({ sort: antdSortToParam(sorter) });
    } else if (extra.action === "paginate") {
      update({ page: pagination.current });
    }
  };
}
