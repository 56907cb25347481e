import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";

import { PartnerPicker } from "./PartnerPicker";

function partner(id: string, name: string, kind = "agency") {
  return { id, name, kind, country: "VN", contact_name: null, email: null, phone: null, guarantor_registry: null, active: true, created_at: "2026-01-01T00:00:00Z" };
}

// Only the first page of partners, as the API returns it before the user types.
const FIRST_PAGE = [partner("p1", "上海エージェント"), partner("p2", "Beijing Care")];
const ALL = [...FIRST_PAGE, partner("p250", "Hanoi Medical Travel")];

function stubPartnersApi() {
  const requests: URL[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      requests.push(url);
      const byId = url.pathname.match(/^\/api\/v1\/partners\/(\w+)$/);
      if (byId) {
        const found = ALL.find((item) => item.id === byId[1]);
        return found ? jsonResponse(found) : jsonResponse({ error: { code: "partner_not_found", message: "x" } }, 404);
      }
      const q = url.searchParams.get("q")?.toLowerCase();
      const items = q ? ALL.filter((item) => item.name.toLowerCase().includes(q)) : FIRST_PAGE;
      return jsonResponse({ items, total: items.length, page: 1, page_size: 20 });
    }),
  );
  return requests;
}

describe("PartnerPicker", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should find a partner beyond the first page by typing", async () => {
    const requests = stubPartnersApi();
    const onChange = vi.fn();
    // 50 ms between keys, as a quick typist: faster than the search delay.
    const user = userEvent.setup({ delay: 50 });
    renderWithProviders(<PartnerPicker aria-label="紹介元" onChange={onChange} />);

    await user.type(screen.getByRole("combobox", { name: "紹介元" }), "hanoi");
    await user.click(await screen.findByTitle("Hanoi Medical Travel"));

    expect(onChange).toHaveBeenCalledWith("p250", expect.anything());
    const searches = requests.filter((url) => url.pathname === "/api/v1/partners").map((url) => url.searchParams.get("q"));
    expect(searches).toContain("hanoi");
    // Debounced: no request for each letter typed.
    expect(searches).not.toContain("han");
  });

  it("should show the name of a selected partner missing from the results", async () => {
    stubPartnersApi();
    renderWithProviders(<PartnerPicker aria-label="紹介元" value="p250" />);

    expect(await screen.findByTitle("Hanoi Medical Travel")).toBeInTheDocument();
  });

  it("should send the kind filter", async () => {
    const requests = stubPartnersApi();
    renderWithProviders(<PartnerPicker aria-label="身元保証機関" kind="guarantor_organization" />);

    await waitFor(() => expect(requests.some((url) => url.searchParams.get("kind") === "guarantor_organization")).toBe(true));
  });
});
