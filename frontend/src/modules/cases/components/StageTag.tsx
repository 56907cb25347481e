import { Tag } from "antd";
import { useTranslation } from "react-i18next";

import type { CaseStage } from "../utils/caseStages";

// Text and background pairs with at least 4.5:1 contrast (WCAG AA); Ant Design's preset
// tag colours fall below it for cyan, green, lime, gold, orange and volcano.
const stageColors: Record<CaseStage, { color: string; background: string }> = {
  inquiry_received: { color: "#003eb3", background: "#e6f4ff" },
  records_received: { color: "#10239e", background: "#f0f5ff" },
  doctor_review: { color: "#391085", background: "#f9f0ff" },
  quote_sent: { color: "#00474f", background: "#e6fffb" },
  accepted: { color: "#135200", background: "#f6ffed" },
  visa_travel: { color: "#254000", background: "#fcffe6" },
  in_treatment: { color: "#613400", background: "#fffbe6" },
  returned_home: { color: "#612500", background: "#fff7e6" },
  follow_up: { color: "#610b00", background: "#fff2e8" },
  closed: { color: "#262626", background: "#f5f5f5" },
  lost: { color: "#820014", background: "#fff1f0" },
  cancelled: { color: "#780650", background: "#fff0f6" },
};

export type StageTagProps = {
  stage: CaseStage;
};

export function StageTag({ stage }: StageTagProps) {
  const { t } = useTranslation();
  const { color, background } = stageColors[stage];
  return (
    // A long stage name wraps inside the tag instead of running over the next table cell.
    <Tag style={{ color, background, borderColor: color, whiteSpace: "normal" }}>
      {t(`stages.${stage}`)}
    </Tag>
  );
}
