import { ArrowRightOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";

import { auditFieldLabel } from "@/modules/admin/utils/auditFieldLabel";
import { StageTag } from "@/modules/cases/components/StageTag";
import { caseStages } from "@/modules/cases/utils/caseStages";

import type { Activity } from "./ActivityTimeline";

export type ActivityDetailsProps = {
  activity: Activity;
};

function asStage(value: unknown) {
  return caseStages.find((stage) => stage === value);
}

/** Show the structured part of an automatic activity: the stages and lost reason of a stage change, the fields of an edit. */
export function ActivityDetails({ activity }: ActivityDetailsProps) {
  const { t } = useTranslation();
  const details = activity.details as Record<string, unknown>;

  if (activity.kind === "stage_change") {
    const from = asStage(details.from);
    const to = asStage(details.to);
    if (!to) return null;
    const lostReason = typeof details.lost_reason === "string" ? details.lost_reason : undefined;
    return (
      <div style={{ margin: "4px 0" }}>
        {from && <StageTag stage={from} />}
        {from && <ArrowRightOutlined style={{ marginInlineEnd: 8 }} aria-label={t("activities.movedTo")} />}
        <StageTag stage={to} />
        {lostReason && (
          <Typography.Paragraph style={{ margin: "4px 0 0", whiteSpace: "pre-wrap" }}>{t("activities.lostReason", { reason: lostReason })}</Typography.Paragraph>
        )}
      </div>
    );
  }

  const fields = Array.isArray(details.fields) ? details.fields.filter((field): field is string => typeof field === "string") : [];
  if (fields.length > 0) {
    const labels = fields.map((field) => auditFieldLabel(field, t)).join(t("common.enumerationSeparator"));
    return <Typography.Text type="secondary">{t("activities.changedFields", { fields: labels })}</Typography.Text>;
  }
  return null;
}
