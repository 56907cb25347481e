import { Select, type SelectProps } from "antd";
import { useMemo } from "react";

import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { countryCodes } from "../utils/countryCodes";
import { countryName } from "../utils/countryName";

export type CountrySelectProps = Omit<SelectProps<string>, "options">;

/** Render a searchable country picker whose value is the ISO alpha-2 code and whose labels follow the UI language. */
export function CountrySelect(props: CountrySelectProps) {
  const { language } = useUiLanguage();
  const options = useMemo(
    () =>
      countryCodes()
        .map((code) => ({ value: code, label: `${countryName(code, language)} (${code})` }))
        .sort((a, b) => a.label.localeCompare(b.label, language)),
    [language],
  );
  return <Select showSearch optionFilterProp="label" allowClear options={options} {...props} />;
}
