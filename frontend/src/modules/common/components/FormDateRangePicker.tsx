import { DatePicker } from "antd";
import type { ComponentProps } from "react";

import { preventEnterSubmit } from "../utils/preventEnterSubmit";

export type FormDateRangePickerProps = ComponentProps<typeof DatePicker.RangePicker>;

/** antd's RangePicker for use in a form: Enter confirms the dates without submitting the form. */
export function FormDateRangePicker(props: FormDateRangePickerProps) {
  return (
    <DatePicker.RangePicker
      {...props}
      onKeyDown={(event, preventPickerDefault) => {
        preventEnterSubmit(event);
        props.onKeyDown?.(event, preventPickerDefault);
      }}
    />
  );
}
