import { screen } from "@testing-library/react";

import { renderWithProviders } from "@/test/renderWithProviders";

import { ActivityDetails } from "./ActivityDetails";
import type { Activity } from "./ActivityTimeline";

function fieldChange(fields: string[]): Activity {
  return {
    id: "a1",
    patient_id: "p1",
    case_id: "c1",
    kind: "field_change",
    channel: null,
    direction: null,
    subject: null,
    body: null,
    details: { fields },
    actor_id: null,
    occurred_at: "2026-12-05T00:00:00Z",
    created_at: "2026-12-05T00:00:00Z",
  };
}

describe("ActivityDetails", () => {
  it("should name changed fields in the UI language", async () => {
    renderWithProviders(<ActivityDetails activity={fieldChange(["planned_arrival_date", "priority"])} />);

    expect(await screen.findByText("変更した項目: 来日予定日、優先度")).toBeInTheDocument();
  });

  it("should keep a field name it does not know", async () => {
    renderWithProviders(<ActivityDetails activity={fieldChange(["shoe_size"])} />);

    expect(await screen.findByText("変更した項目: shoe_size")).toBeInTheDocument();
  });
});
