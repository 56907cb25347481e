import { screen } from "@testing-library/react";

import { renderWithProviders } from "@/test/renderWithProviders";

import { ActivityDetails } from "./ActivityDetails";
import type { Activity } from "./ActivityTimeline";

function activity(kind: Activity["kind"], details: Record<string, unknown>): Activity {
  return {
    id: "a1",
    patient_id: "p1",
    case_id: "c1",
    kind,
    channel: null,
    direction: null,
    subject: null,
    body: null,
    details,
    actor_id: null,
    occurred_at: "2026-12-05T00:00:00Z",
    created_at: "2026-12-05T00:00:00Z",
  };
}

function fieldChange(fields: string[]): Activity {
  return activity("field_change", { fields });
}

describe("ActivityDetails", () => {
  it("should name changed fields in the UI language", async () => {
    renderWithProviders(<ActivityDetails activity={fieldChange(["planned_arrival_date", "priority"])} />);

    expect(await screen.findByText("変更した項目: 来日予定日、優先度")).toBeInTheDocument();
  });

  it("should show the reason a case was lost", async () => {
    renderWithProviders(<ActivityDetails activity={activity("stage_change", { from: "quote_sent", to: "lost", lost_reason: "他院で治療" })} />);

    expect(await screen.findByText("失注の理由: 他院で治療")).toBeInTheDocument();
    expect(screen.getByText("失注")).toBeInTheDocument();
  });

  it("should show no reason for other stage changes", async () => {
    renderWithProviders(<ActivityDetails activity={activity("stage_change", { from: "inquiry_received", to: "records_received" })} />);

    expect(await screen.findByText("診療情報受領")).toBeInTheDocument();
    expect(screen.queryByText(/失注の理由/)).not.toBeInTheDocument();
  });

  it("should keep a field name it does not know", async () => {
    renderWithProviders(<ActivityDetails activity={fieldChange(["shoe_size"])} />);

    expect(await screen.findByText("変更した項目: shoe_size")).toBeInTheDocument();
  });
});
