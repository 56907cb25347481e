import { DatePicker, type DatePickerProps } from "antd";

import { preventEnterSubmit } from "../utils/preventEnterSubmit";

export type FormDatePickerProps = DatePickerProps;

/** antd's DatePicker for use in a form: Enter confirms the date without submitting the form. */
export function FormDatePicker(props: FormDatePickerProps) {
  return (
    <DatePicker
      {...props}
      onKeyDown={(event, preventPickerDefault) => {
        preventEnterSubmit(event);
        props.onKeyDown?.(event, preventPickerDefault);
      }}
    />
  );
}
