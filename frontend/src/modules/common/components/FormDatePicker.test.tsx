import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Button, Form } from "antd";
import type { Dayjs } from "dayjs";

import { renderWithProviders } from "@/test/renderWithProviders";

import { FormDatePicker } from "./FormDatePicker";

type Values = { date_of_birth?: Dayjs };

function BirthDateForm({ onFinish }: { onFinish: (values: Values) => void }) {
  return (
    <Form<Values> onFinish={onFinish}>
      <Form.Item name="date_of_birth" label="生年月日">
        <FormDatePicker format="YYYY/MM/DD" />
      </Form.Item>
      <Button htmlType="submit">登録</Button>
    </Form>
  );
}

describe("FormDatePicker", () => {
  it("should confirm the date on Enter without submitting", async () => {
    const onFinish = vi.fn<(values: Values) => void>();
    renderWithProviders(<BirthDateForm onFinish={onFinish} />);

    const typist = userEvent.setup({ delay: null });
    const input = screen.getByLabelText("生年月日");
    await typist.click(input);
    await typist.type(input, "1985/03/12{Enter}");

    expect(input).toHaveValue("1985/03/12");
    expect(onFinish).not.toHaveBeenCalled();

    await typist.click(screen.getByRole("button", { name: "登録" }));
    await vi.waitFor(() => expect(onFinish).toHaveBeenCalledTimes(1));
    expect(onFinish.mock.calls[0]?.[0].date_of_birth?.format("YYYY-MM-DD")).toBe("1985-03-12");
  });
});
