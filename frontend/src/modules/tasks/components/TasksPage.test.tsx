import { screen, within } from "@testing-library/react";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";
import { EMPTY_PAGE, stubListEndpoint } from "@/test/stubListEndpoint";

import { TasksPage } from "./TasksPage";

const PATIENT_ID = "00000000-0000-4000-a000-000000000101";
const CASE_ID = "00000000-0000-4000-a000-000000000201";

function task(overrides: Record<string, unknown>) {
  return {
    id: "00000000-0000-4000-a000-000000000301",
    title: "問い合わせへの返信",
    description: null,
    due_at: "2030-01-15T01:00:00Z",
    due_at_tokyo: "2030-01-15T10:00:00+09:00",
    due_at_patient_local: null,
    patient_time_zone: null,
    assignee_id: null,
    case_id: null,
    patient_id: null,
    patient_name: null,
    case_reference: null,
    status: "open",
    completed_at: null,
    overdue: false,
    created_at: "2030-01-01T00:00:00Z",
    ...overrides,
  };
}

describe("TasksPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should link each task to its patient and case", async () => {
    stubListEndpoint("/api/v1/tasks", () =>
      jsonResponse({
        ...EMPTY_PAGE,
        total: 2,
        items: [
          task({
            case_id: CASE_ID,
            case_reference: "2030-00000042",
            patient_id: PATIENT_ID,
            patient_name: { family_name: "王", given_name: "小明", name_latin: "WANG XIAOMING" },
          }),
          task({ id: "00000000-0000-4000-a000-000000000302", title: "院内会議の準備" }),
        ],
      }),
    );
    renderWithProviders(<TasksPage />, { path: "/tasks" });

    const patientLink = await screen.findByRole("link", { name: "王 小明 (WANG XIAOMING)" });
    expect(patientLink).toHaveAttribute("href", `/patients/${PATIENT_ID}`);
    expect(screen.getByRole("link", { name: "2030-00000042" })).toHaveAttribute("href", `/cases/${CASE_ID}`);
    expect(screen.getByRole("columnheader", { name: "患者" })).toBeInTheDocument();
    expect(screen.getByRole("columnheader", { name: "案件番号" })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "案件を開く" })).toBeNull();
    const unlinkedRow = screen.getByText("院内会議の準備").closest("tr");
    if (!unlinkedRow) throw new Error("No row for the task without a patient");
    expect(within(unlinkedRow).queryAllByRole("link")).toHaveLength(0);
  });
});
