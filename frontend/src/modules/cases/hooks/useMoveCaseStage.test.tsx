import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";

import { jsonResponse } from "@/test/jsonResponse";

import { caseKeys } from "./caseKeys";
import { useMoveCaseStage } from "./useMoveCaseStage";

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const listKey = caseKeys.list({ page: 1 });
  queryClient.setQueryData(listKey, { items: [{ id: "c1", stage: "inquiry_received" }], total: 1, page: 1, page_size: 200 });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
  const { result } = renderHook(() => useMoveCaseStage(), { wrapper });
  const stageInCache = () => (queryClient.getQueryData(listKey) as { items: { stage: string }[] }).items[0]?.stage;
  return { result, stageInCache };
}

describe("useMoveCaseStage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should show the move before the API answers", async () => {
    let answer: (response: Response) => void = () => undefined;
    vi.stubGlobal("fetch", vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))));
    const { result, stageInCache } = setup();

    act(() => result.current.mutate({ caseId: "c1", toStage: "records_received" }));

    await waitFor(() => expect(stageInCache()).toBe("records_received"));
    answer(jsonResponse({ id: "c1", stage: "records_received" }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
  });

  it("should roll back when the API refuses the move", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => jsonResponse({ error: { code: "invalid_stage_transition", message: "no" }, request_id: "r1" }, 409)),
    );
    const { result, stageInCache } = setup();

    act(() => result.current.mutate({ caseId: "c1", toStage: "closed" }));

    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(stageInCache()).toBe("inquiry_received");
    expect((result.current.error as { code?: string }).code).toBe("invalid_stage_transition");
  });
});
