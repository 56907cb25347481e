import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Form } from "antd";

import { jsonResponse } from "@/test/jsonResponse";
import { renderWithProviders } from "@/test/renderWithProviders";
import { EMPTY_PAGE, stubListEndpoint } from "@/test/stubListEndpoint";

import type { PatientFormValues } from "../utils/PatientFormValues";
import { PatientForm, type PatientFormProps } from "./PatientForm";

type HarnessProps = Pick<PatientFormProps, "mode" | "initialValues" | "onFinish">;

function Harness({ mode, initialValues, onFinish }: HarnessProps) {
  const [form] = Form.useForm<PatientFormValues>();
  return <PatientForm form={form} mode={mode} initialValues={initialValues} submitting={false} onFinish={onFinish} />;
}

// The form has two 電話番号 fields: the patient's first, the emergency contact's last.
function patientPhoneInput(): HTMLElement {
  return screen.getAllByLabelText("電話番号")[0]!;
}

async function submit(mode: PatientFormProps["mode"]) {
  await userEvent.setup({ delay: null }).click(screen.getByRole("button", { name: mode === "create" ? "登録する" : "保存" }));
}

describe("PatientForm", () => {
  beforeEach(() => {
    // The partner picker requests partners, and these tests need none.
    stubListEndpoint("/api/v1/partners", () => jsonResponse(EMPTY_PAGE));
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("should save an edit without the passport name", async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness mode="edit" initialValues={{ family_name: "加藤", given_name: "結衣", sex: "female" }} onFinish={onFinish} />);

    await submit("edit");

    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({ family_name: "加藤", name_latin: undefined });
  });

  it("should register with a family name only", async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness mode="create" onFinish={onFinish} />);

    await userEvent.setup({ delay: null }).type(screen.getByLabelText("姓"), "加藤");
    await submit("create");

    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
  });

  it("should convert a hiragana reading to katakana", async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness mode="create" initialValues={{ family_name: "加藤" }} onFinish={onFinish} />);
    const user = userEvent.setup({ delay: null });

    await user.type(screen.getByLabelText("フリガナ"), "かとう　ゆい");
    await user.tab();
    await submit("create");

    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(onFinish.mock.calls[0]?.[0]).toMatchObject({ name_kana: "カトウ ユイ" });
    expect(screen.getByLabelText("フリガナ")).toHaveValue("カトウ ユイ");
  });

  it("should reject a reading in Latin letters", async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness mode="create" initialValues={{ family_name: "加藤" }} onFinish={onFinish} />);

    await userEvent.setup({ delay: null }).type(screen.getByLabelText("フリガナ"), "Kato");
    await submit("create");

    expect(await screen.findByText("フリガナはカタカナかひらがなで入力してください（例: ワン シャオミン）")).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it("should ask for a name on registration", async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness mode="create" onFinish={onFinish} />);

    await submit("create");

    expect(await screen.findByText("姓、名、氏名（パスポート表記）のどれかを入力してください")).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });

  it("should accept a national number with a nationality", async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness mode="create" initialValues={{ family_name: "加藤", nationality: "JP", phones: [{ kind: "mobile" }] }} onFinish={onFinish} />);

    await userEvent.setup({ delay: null }).type(patientPhoneInput(), "090-1234-3946");
    await submit("create");

    await waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(onFinish.mock.calls[0]?.[0].phones).toEqual([{ number: "090-1234-3946", kind: "mobile" }]);
  });

  it("should ask for a country before a national number", async () => {
    const onFinish = vi.fn();
    renderWithProviders(<Harness mode="create" initialValues={{ family_name: "加藤", phones: [{ kind: "mobile" }] }} onFinish={onFinish} />);

    await userEvent.setup({ delay: null }).type(patientPhoneInput(), "090-1234-3946");
    await submit("create");

    expect(await screen.findByText(/先に居住国か国籍を選んでください/)).toBeInTheDocument();
    expect(onFinish).not.toHaveBeenCalled();
  });
});
