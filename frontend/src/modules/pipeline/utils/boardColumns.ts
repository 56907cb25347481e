import { type CaseStage, caseStages } from "@/modules/cases/utils/caseStages";

type BoardCase = { id: string; stage: string };

/** One stage's page of the board as GET /cases returns it. */
export type StagePage<Item extends BoardCase> = { items: Item[]; total: number; total_exact?: boolean };

/** One column of the board: the cards it shows and how many cases the stage has in all. */
export type BoardColumn<Item extends BoardCase> = {
  stage: CaseStage;
  items: Item[];
  total: number;
  totalExact: boolean;
};

/**
 * Group the board's per-stage pages, given in `caseStages` order, into columns. A case
 * moved on screen before the pages are fetched again shows at the top of its new column
 * and counts there instead of in the stage it was fetched with. A case that two pages
 * contain, after only one of them was fetched again, shows once.
 */
export function boardColumns<Item extends BoardCase>(pages: (StagePage<Item> | undefined)[]): BoardColumn<Item>[] {
  const fetched = fetchedStages(pages);

  return caseStages.map((stage, index) => {
    const page = pages[index];
    const inStage = [...fetched].filter(([, { item }]) => item.stage === stage);
    const movedIn = inStage.filter(([, { fetchedWith }]) => fetchedWith !== stage).map(([, { item }]) => item);
    const stayed = inStage.filter(([, { fetchedWith }]) => fetchedWith === stage).map(([, { item }]) => item);
    const movedOut = (page?.items ?? []).filter((item) => item.stage !== stage).length;
    return {
      stage,
      items: [...movedIn, ...stayed],
      total: (page?.total ?? 0) - movedOut + movedIn.length,
      totalExact: page?.total_exact ?? true,
    };
  });
}

/**
 * Map each case id to the case and the stage whose page it came from. The page of the
 * case's current stage wins over a page fetched before the case moved.
 */
function fetchedStages<Item extends BoardCase>(pages: (StagePage<Item> | undefined)[]) {
  const fetched = new Map<string, { item: Item; fetchedWith: CaseStage }>();
  const entries = pages.flatMap((page, index) => (page?.items ?? []).map((item) => ({ item, fetchedWith: caseStages[index] as CaseStage })));

  for (const entry of entries) {
    if (entry.item.stage === entry.fetchedWith && !fetched.has(entry.item.id)) {
      fetched.set(entry.item.id, entry);
    }
  }
  for (const entry of entries) {
    if (!fetched.has(entry.item.id)) {
      fetched.set(entry.item.id, entry);
    }
  }
  return fetched;
}
