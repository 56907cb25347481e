import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";

import { activityKeys } from "@/modules/activities/hooks/activityKeys";
import { caseKeys } from "@/modules/cases/hooks/caseKeys";
import { taskKeys } from "@/modules/tasks/hooks/taskKeys";
import { jsonResponse } from "@/test/jsonResponse";

import { patientKeys } from "./patientKeys";
import { useMergePatient } from "./useMergePatient";

describe("useMergePatient", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should mark moved records stale", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => jsonResponse({ id: "kept" })),
    );
    const queryClient = new QueryClient();
    const cached = {
      patient: patientKeys.detail("kept"),
      cases: caseKeys.list({ patient_id: "kept" }),
      activities: activityKeys.list({ patient_id: "kept" }),
      tasks: taskKeys.list({ patient_id: "kept" }),
    };
    for (const key of Object.values(cached)) {
      queryClient.setQueryData(key, { items: [], total: 0 });
    }
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
    const { result } = renderHook(() => useMergePatient("kept"), { wrapper });

    await act(() => result.current.mutateAsync("duplicate"));

    expect(queryClient.getQueryState(cached.patient)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(cached.cases)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(cached.activities)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(cached.tasks)?.isInvalidated).toBe(true);
  });
});
