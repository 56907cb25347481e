import type { TFunction } from "i18next";

import { listPagination } from "./listPagination";

const t = ((key: string, options: { count: number }) => `${key}:${options.count}`) as unknown as TFunction;

describe("list pagination", () => {
  it("should show an exact total as it is", () => {
    const pagination = listPagination(t, { total: 120, total_exact: true }, 1, 50);

    expect(pagination.total).toBe(120);
    expect(pagination.showTotal()).toBe("common.totalCount:120");
  });

  it("should keep a next page reachable when the count stopped early", () => {
    const first = listPagination(t, { total: 1000, total_exact: false }, 1, 50);
    const beyond = listPagination(t, { total: 1050, total_exact: false }, 21, 50);

    expect(first.total).toBe(1050);
    expect(first.showTotal()).toBe("common.totalAtLeast:1000");
    expect(beyond.total).toBe(1100);
  });

  it("should hide the page number of an unknown end", () => {
    const pagination = listPagination(t, { total: 1000, total_exact: false }, 1, 50);

    expect(pagination.itemRender(21, "page", "21")).toBeNull();
    expect(pagination.itemRender(20, "page", "20")).toBe("20");
    expect(pagination.itemRender(21, "next", "next")).toBe("next");
  });

  it("should keep the last page number of an exact total", () => {
    const pagination = listPagination(t, { total: 1000, total_exact: true }, 1, 50);

    expect(pagination.itemRender(20, "page", "20")).toBe("20");
  });

  it("should show no pages before the first response", () => {
    expect(listPagination(t, undefined, 1, 50).total).toBe(0);
  });
});
