import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { formDrafts } from "@/modules/common/utils/formDrafts";
import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders, testUser } from "@/test/renderWithProviders";

import { QuickNoteForm } from "./QuickNoteForm";

const PATH = "/cases/c1";
const draftKey = formDrafts.key(testUser.id, PATH, "quick-note");

describe("QuickNoteForm", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.sessionStorage.clear();
  });

  it("should keep typed text as a draft", async () => {
    renderWithProviders(<QuickNoteForm patientId="p1" caseId="c1" />, { path: PATH });

    await userEvent.setup({ delay: null }).type(screen.getByLabelText("内容"), "紹介状を受領");

    expect(formDrafts.read(draftKey)).toMatchObject({ kind: "note", body: "紹介状を受領" });
  });

  it("should restore the draft after a new login", async () => {
    formDrafts.write(draftKey, { kind: "call", direction: "outbound", subject: "術前説明", body: "紹介状を受領" });

    renderWithProviders(<QuickNoteForm patientId="p1" caseId="c1" />, { path: PATH });

    expect(await screen.findByDisplayValue("紹介状を受領")).toBeInTheDocument();
    expect(screen.getByDisplayValue("術前説明")).toBeInTheDocument();
    expect(await screen.findByText("保存していなかった入力内容を復元しました。確認してから保存してください")).toBeInTheDocument();
  });

  it("should not show another user's draft", async () => {
    formDrafts.write(formDrafts.key("someone-else", PATH, "quick-note"), { kind: "note", body: "他人のメモ" });

    renderWithProviders(<QuickNoteForm patientId="p1" caseId="c1" />, { path: PATH });

    expect(await screen.findByLabelText("内容")).toHaveValue("");
  });

  it("should drop the draft once saved", async () => {
    const fetchMock = vi.fn(async (_request: Request) => jsonResponse({ id: "a1" }, 201));
    vi.stubGlobal("fetch", fetchMock);
    formDrafts.write(draftKey, { kind: "note", body: "紹介状を受領" });
    renderWithProviders(<QuickNoteForm patientId="p1" caseId="c1" />, { path: PATH });
    await screen.findByDisplayValue("紹介状を受領");

    await userEvent.setup({ delay: null }).click(screen.getByRole("button", { name: "記録する" }));

    await waitFor(() => expect(formDrafts.read(draftKey)).toBeNull());
    const request = fetchMock.mock.calls[0]![0];
    expect(await request.json()).toMatchObject({ patient_id: "p1", case_id: "c1", body: "紹介状を受領" });
    expect(screen.getByLabelText("内容")).toHaveValue("");
  });
});
