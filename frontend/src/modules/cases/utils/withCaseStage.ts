type CasePage<Item> = { items: Item[] } & Record<string, unknown>;

/** A copy of a cached case list page with one case moved to `stage`; other pages come back as they were. */
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
