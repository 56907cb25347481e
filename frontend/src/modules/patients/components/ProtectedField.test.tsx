import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";

import { ProtectedField } from "./ProtectedField";

describe("ProtectedField", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should mask the value until 表示 is clicked", async () => {
    const fetchMock = vi.fn(async (request: Request) => {
      expect(request.url).toBe("http://localhost:3001/api/v1/patients/p1/reveal");
      expect(await request.json()).toEqual({ fields: ["passport_number"] });
      return jsonResponse({ passport_number: "E12345678" });
    });
    vi.stubGlobal("fetch", fetchMock);
    renderWithProviders(<ProtectedField patientId="p1" field="passport_number" hasValue canReveal />);

    expect(screen.queryByText("E12345678")).not.toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "旅券番号を表示" }));

    expect(await screen.findByText("E12345678")).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("should offer no button to roles that may not reveal", () => {
    renderWithProviders(<ProtectedField patientId="p1" field="medical_summary" hasValue canReveal={false} />);

    expect(screen.queryByRole("button")).not.toBeInTheDocument();
    expect(screen.getByLabelText("非表示の値")).toBeInTheDocument();
  });

  it("should say when nothing is recorded", () => {
    renderWithProviders(<ProtectedField patientId="p1" field="allergies" hasValue={false} canReveal />);

    expect(screen.getByText("未登録")).toBeInTheDocument();
  });
});
