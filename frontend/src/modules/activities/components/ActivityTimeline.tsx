import {
  EditOutlined,
  MailOutlined,
  MergeCellsOutlined,
  MessageOutlined,
  PhoneOutlined,
  PlusCircleOutlined,
  SwapOutlined,
  UploadOutlined,
} from "@ant-design/icons";
import { Empty, Tag, Timeline, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import type { ApiResponse } from "@/api/types";
import { LocalTimePair } from "@/modules/common/components/LocalTimePair";

import { ActivityDetails } from "./ActivityDetails";

export type Activity = ApiResponse<"/api/v1/activities", "get">["items"][number];

const kindIcons: Record<string, ReactNode> = {
  note: <EditOutlined />,
  call: <PhoneOutlined />,
  email: <MailOutlined />,
  message: <MessageOutlined />,
  stage_change: <SwapOutlined />,
  field_change: <EditOutlined />,
  created: <PlusCircleOutlined />,
  merged: <MergeCellsOutlined />,
  imported: <UploadOutlined />,
};

export type ActivityTimelineProps = {
  activities: Activity[];
  patientTimeZone?: string | null;
};

/** Activities newest first: notes, calls and messages beside automatic stage and field changes. */
export function ActivityTimeline({ activities, patientTimeZone }: ActivityTimelineProps) {
  const { t } = useTranslation();
  if (activities.length === 0) {
    return <Empty description={t("activities.empty")} />;
  }

  return (
    <Timeline
      items={activities.map((activity) => ({
        key: activity.id,
        dot: kindIcons[activity.kind],
        children: (
          <div>
            <div>
              <Tag>{t(`activities.kinds.${activity.kind}`)}</Tag>
              {activity.direction && <Tag>{t(`activities.directions.${activity.direction}`)}</Tag>}
              <Typography.Text type="secondary">
                <LocalTimePair value={activity.occurred_at} patientTimeZone={patientTimeZone} />
              </Typography.Text>
            </div>
            <ActivityDetails activity={activity} />
            {activity.subject && <Typography.Text strong>{activity.subject}</Typography.Text>}
            {activity.body && <Typography.Paragraph style={{ whiteSpace: "pre-wrap", marginBottom: 0 }}>{activity.body}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}
