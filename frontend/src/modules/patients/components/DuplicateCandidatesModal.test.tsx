import { screen } from "@testing-library/react";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";

import { DuplicateCandidatesModal } from "./DuplicateCandidatesModal";

const CANDIDATE = { id: "p1", family_name: "王", given_name: "偉", name_latin: "WANG WEI", date_of_birth: "1985-03-12", nationality: "CN" };

describe("DuplicateCandidatesModal", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should show each candidate's birth date and nationality", async () => {
    const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
      const url = new URL(input instanceof Request ? input.url : String(input), "http://localhost");
      return url.pathname === "/api/v1/patients/p1" ? jsonResponse(CANDIDATE) : jsonResponse({}, 404);
    });
    vi.stubGlobal("fetch", fetchMock);

    renderWithProviders(<DuplicateCandidatesModal open candidates={[{ patient_id: "p1", reasons: ["name_dob"] }]} confirming={false} onConfirm={vi.fn()} onCancel={vi.fn()} />);

    expect(await screen.findByRole("link", { name: "王 偉 (WANG WEI)" })).toHaveAttribute("href", "/patients/p1");
    expect(screen.getByText("1985/03/12・中国")).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
