import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import dayjs from "dayjs";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";

import { CaseCreateModal } from "./CaseCreateModal";

describe("CaseCreateModal", () => {
  it("should send today as the date received", async () => {
    const bodies: Record<string, unknown>[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (request: Request) => {
        if (request.method === "POST") {
          bodies.push((await request.json()) as Record<string, unknown>);
          return jsonResponse({ id: "c1" }, 201);
        }
        return jsonResponse([]);
      }),
    );
    renderWithProviders(<CaseCreateModal patientId="p1" open onClose={() => undefined} />);

    expect(screen.getByLabelText("受付日")).toHaveValue(dayjs().format("YYYY/MM/DD"));
    await userEvent.setup({ delay: null }).click(screen.getByRole("button", { name: "保存" }));

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]?.received_on).toBe(dayjs().format("YYYY-MM-DD"));
    expect(bodies[0]?.patient_id).toBe("p1");
  });
});
