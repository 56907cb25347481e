import { Typography } from "antd";
import { useTranslation } from "react-i18next";

import { formatTokyoDateTime } from "../utils/formatTokyoDateTime";
import { formatZonedTime } from "../utils/formatZonedTime";
import { tokyoTimeZone } from "../utils/tokyoTimeZone";

export type LocalTimePairProps = {
  value: string | null | undefined;
  patientTimeZone?: string | null;
};

/**
 * Show an instant in Tokyo time, with the patient's local time beside it when the patient
 * lives in another zone, so staff can see whether a call lands at a decent hour.
 */
export function LocalTimePair({ value, patientTimeZone }: LocalTimePairProps) {
  const { t } = useTranslation();
  if (!value) {
    return <span>-</span>;
  }

  const tokyo = formatTokyoDateTime(value);
  const showPatientTime = Boolean(patientTimeZone) && patientTimeZone !== tokyoTimeZone;
  const local = showPatientTime ? formatZonedTime(value, patientTimeZone) : "";

  return (
    <span>
      {tokyo}
      {local && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {t("common.patientLocalTime", { time: local, zone: patientTimeZone })}
        </Typography.Text>
      )}
    </span>
  );
}
