import { screen } from "@testing-library/react";
import { Route, Routes } from "react-router-dom";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";

import { PatientDetailPage } from "./PatientDetailPage";

function renderPatient(error: Record<string, unknown>) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const { pathname } = new URL(request.url);
      if (pathname.startsWith("/api/v1/patients/p1")) {
        return jsonResponse({ error: { message: "gone", fields: [], ...error }, request_id: "r1" }, 404);
      }
      return jsonResponse({ items: [], total: 0, page: 1, page_size: 50, total_exact: true });
    }),
  );
  renderWithProviders(
    <Routes>
      <Route path="/patients/:patientId" element={<PatientDetailPage />} />
    </Routes>,
    { path: "/patients/p1" },
  );
}

describe("PatientDetailPage", () => {
  it("should link a merged patient to the patient it went into", async () => {
    renderPatient({ code: "patient_merged", merged_into_id: "p9" });

    expect(await screen.findByText("この患者は別の患者に統合されました")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "統合先の患者を開く" })).toHaveAttribute("href", "/patients/p9");
  });

  it("should report an unknown patient as not found", async () => {
    renderPatient({ code: "patient_not_found" });

    expect(await screen.findByRole("link", { name: /ダッシュボード/ })).toBeInTheDocument();
    expect(screen.queryByText("この患者は別の患者に統合されました")).not.toBeInTheDocument();
  });
});
