type CasePage<Item> = { items: Item[] } & Record<string, unknown>;

/** Return a copy of a cached case list page with one case moved to `stage`, or the page itself when the case is not on it. */
export function withCaseStage<Item extends { id: string; stage: string }>(
  page: CasePage<Item> | undefined,
  caseId: string,
  stage: string,
): CasePage<Item> | undefined {
  if (!page || !page.items.some((item) => item.id === caseId)) {
    return page;
  }
  return {
    ...page,
    items: page.items.map((item) => (item.id === caseId ? { ...item, stage } : item)),
  };
}
