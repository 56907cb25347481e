import { Typography } from "antd";
import { useTranslation } from "react-i18next";

import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";

import { formatTokyoDateTime } from "../utils/formatTokyoDateTime";
import { formatZonedTime } from "../utils/formatZonedTime";
import { timeZoneName } from "../utils/timeZoneName";
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
  const { language } = useUiLanguage();
  if (!value) {
    return <span>-</span>;
  }

  const tokyo = formatTokyoDateTime(value);
  const otherZone = patientTimeZone && patientTimeZone !== tokyoTimeZone ? patientTimeZone : null;
  const local = otherZone ? formatZonedTime(value, otherZone) : "";

  return (
    <span>
      {tokyo}
      {otherZone && local && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
          {t("common.patientLocalTime", { time: local, zone: timeZoneName(otherZone, language) })}
        </Typography.Text>
      )}
    </span>
  );
}
