import { useTranslation } from "react-i18next";

import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

export type PatientBirthAndNationalityProps = {
  patient: { date_of_birth?: string | null; nationality?: string | null };
};

/** Show a patient's date of birth and nationality on one line, to tell look-alike patients apart. */
export function PatientBirthAndNationality({ patient }: PatientBirthAndNationalityProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const facts = [formatDate(patient.date_of_birth), countryName(patient.nationality, language)].filter(Boolean);
  return facts.length > 0 ? <div>{facts.join(t("common.separator"))}</div> : null;
}
