import type { SortOrder } from "antd/es/table/interface";

/** Return the Ant Design sort order of `field` under the API's `sort` parameter. */
export function sortOrderFor(sort: string | null, field: string): SortOrder {
  if (sort === field) return "ascend";
  if (sort === `-${field}`) return "descend";
  return null;
}
