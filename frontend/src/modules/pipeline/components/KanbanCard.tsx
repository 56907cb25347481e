import { useDraggable } from "@dnd-kit/core";
import { CSS } from "@dnd-kit/utilities";
import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

import type { ApiResponse } from "@/api/types";
import { countryName } from "@/modules/common/utils/countryName";
import { formatDate } from "@/modules/common/utils/formatDate";
import { useUiLanguage } from "@/modules/layout/hooks/useUiLanguage";
import { patientDisplayName } from "@/modules/patients/utils/patientDisplayName";

export type CaseSummary = ApiResponse<"/api/v1/cases", "get">["items"][number];

const priorityColors: Record<string, string> = { urgent: "red", high: "orange", normal: "default", low: "default" };

export type KanbanCardProps = {
  item: CaseSummary;
  departmentName: string;
  disabled: boolean;
};

/** One case on the board; draggable with the mouse, or with Space and the arrow keys. */
export function KanbanCard({ item, departmentName, disabled }: KanbanCardProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: item.id,
    data: { stage: item.stage },
    disabled,
  });

  return (
    <div
      ref={setNodeRef}
      className={`kanban-card${isDragging ? " is-dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform) }}
      data-case-id={item.id}
      {...listeners}
      {...attributes}
      aria-roledescription={t("pipeline.cardRole")}
      aria-label={t("pipeline.cardLabel", { reference: item.reference, patient: patientDisplayName(item.patient) })}
    >
      <div style={{ display: "flex", justifyContent: "space-between", gap: 4 }}>
        <Link to={`/cases/${item.id}`} onPointerDown={(event) => event.stopPropagation()}>
          {item.reference}
        </Link>
        {item.priority !== "normal" && <Tag color={priorityColors[item.priority]}>{t(`priority.${item.priority}`)}</Tag>}
      </div>
      <div>{patientDisplayName(item.patient)}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[countryName(item.patient.nationality, language), departmentName].filter(Boolean).join("・")}
      </Typography.Text>
      {item.planned_arrival_date && (
        <div style={{ fontSize: 12 }}>
          {t("cases.plannedArrival")}: {formatDate(item.planned_arrival_date)}
        </div>
      )}
    </div>
  );
}
