import { screen } from "@testing-library/react";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders, testUser } from "@/test/renderWithProviders";

import { useUserNames } from "./useUserNames";

function Names({ ids }: { ids: (string | null)[] }) {
  const userName = useUserNames(ids);
  return <span data-testid="names">{ids.map((id) => userName(id) || "-").join(",")}</span>;
}

function stubUsersApi() {
  const fetchMock = vi.fn(async (request: Request) => {
    const id = new URL(request.url).pathname.split("/").pop() ?? "";
    return jsonResponse({ ...testUser, id, display_name: `User ${id}` });
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

describe("useUserNames", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should fetch each account once and name it", async () => {
    const fetchMock = stubUsersApi();
    renderWithProviders(<Names ids={["u1", "u2", "u1", null]} />);

    expect(await screen.findByText("User u1,User u2,User u1,-")).toBeInTheDocument();
    const paths = fetchMock.mock.calls.map(([request]) => new URL((request as Request).url).pathname).sort();
    expect(paths).toEqual(["/api/v1/users/u1", "/api/v1/users/u2"]);
  });

  it("should not fetch for a user without users:read", () => {
    const fetchMock = stubUsersApi();
    const partnerUser = { ...testUser, role: "partner" as const, permissions: ["patients:read" as const] };
    renderWithProviders(<Names ids={["u1"]} />, { session: { user: partnerUser } });

    expect(screen.getByTestId("names")).toHaveTextContent("-");
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
