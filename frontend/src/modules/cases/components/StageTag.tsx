import { Tag } from "antd";
import { useTranslation } from "react-i18next";

import type { CaseStage } from "../utils/caseStages";

const stageColors: Record<CaseStage, string> = {
  inquiry_received: "blue",
  records_received: "geekblue",
  doctor_review: "purple",
  quote_sent: "cyan",
  accepted: "green",
  visa_travel: "lime",
  in_treatment: "gold",
  returned_home: "orange",
  follow_up: "volcano",
  closed: "default",
  lost: "red",
  cancelled: "magenta",
};

export type StageTagProps = {
  stage: CaseStage | string;
};

export function StageTag({ stage }: StageTagProps) {
  const { t } = useTranslation();
  return <Tag color={stageColors[stage as CaseStage] ?? "default"}>{t(`stages.${stage}`)}</Tag>;
}
