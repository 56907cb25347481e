import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { clickable } from "@/test/clickable";
import { renderWithProviders } from "@/test/renderWithProviders";

import { StageChanger } from "./StageChanger";

async function listedStages(stage: "closed" | "quote_sent") {
  renderWithProviders(<StageChanger caseId="c1" stage={stage} />);
  const typist = userEvent.setup({ delay: null });
  await typist.click(await clickable(await screen.findByRole("combobox", { name: "移動先の段階を選択" })));
  await screen.findAllByRole("option");
  return Array.from(document.querySelectorAll(".ant-select-item-option")).map((option) => option.getAttribute("title"));
}

describe("StageChanger", () => {
  it("should offer only open stages for a closed case", async () => {
    const stages = await listedStages("closed");

    expect(stages).toContain("フォローアップ");
    expect(stages).not.toContain("失注");
    expect(stages).not.toContain("キャンセル");
    expect(stages).not.toContain("完了");
  });

  it("should offer lost but not closed before the patient returns home", async () => {
    const stages = await listedStages("quote_sent");

    expect(stages).toContain("失注");
    expect(stages).toContain("キャンセル");
    expect(stages).not.toContain("完了");
  });
});
