import { redirectToLogin } from "@/api/redirectToLogin";
import { renderWithProviders } from "@/test/renderWithProviders";

import { useUnsavedChangesWarning } from "./useUnsavedChangesWarning";

function DirtyForm() {
  useUnsavedChangesWarning(true);
  return <p>form</p>;
}

function unload(): Event {
  const event = new Event("beforeunload", { cancelable: true });
  window.dispatchEvent(event);
  return event;
}

describe("useUnsavedChangesWarning", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should prompt before a reload, but not when the session ended", () => {
    renderWithProviders(<DirtyForm />);
    expect(unload().defaultPrevented).toBe(true);

    vi.stubGlobal("location", { ...window.location, assign: vi.fn(), pathname: "/cases/c1", search: "" });
    redirectToLogin("session_expired");

    expect(unload().defaultPrevented).toBe(false);
  });
});
