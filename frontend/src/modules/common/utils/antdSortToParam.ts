import type { SorterResult } from "antd/es/table/interface";

/** Turn Ant Design's table sorter into the API's `sort` parameter ("name" or "-created_at"). */
export function antdSortToParam<T>(sorter: SorterResult<T> | SorterResult<T>[]): string | undefined {
  const single = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!single?.order || !single.columnKey) {
    return undefined;
  }
  const field = String(single.columnKey);
  return single.order === "descend" ? `-${field}` : field;
}
