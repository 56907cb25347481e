import { HolderOutlined } from "@ant-design/icons";
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

// Dark text on a light background keeps the 4.5:1 contrast that preset tag colours miss.
const priorityStyles: Record<CaseSummary["priority"], { color: string; background: string }> = {
  urgent: { color: "#820014", background: "#fff1f0" },
  high: { color: "#612500", background: "#fff7e6" },
  normal: { color: "#262626", background: "#f5f5f5" },
  low: { color: "#262626", background: "#f5f5f5" },
};

export type KanbanCardProps = {
  item: CaseSummary;
  departmentName: string;
  disabled: boolean;
};

/**
 * Show one case on the board. The whole card drags with the mouse. For the keyboard,
 * the handle button takes focus and Space picks the card up. The button role sits on the
 * handle alone, so the reference link is not nested inside another control.
 */
export function KanbanCard({ item, departmentName, disabled }: KanbanCardProps) {
  const { t } = useTranslation();
  const { language } = useUiLanguage();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, isDragging } = useDraggable({
    id: item.id,
    data: { stage: item.stage },
    disabled,
  });
  const patientName = patientDisplayName(item.patient);

  return (
    <div
      ref={setNodeRef}
      className={`kanban-card${isDragging ? " is-dragging" : ""}`}
      style={{ transform: CSS.Translate.toString(transform) }}
      data-case-id={item.id}
      {...listeners}
    >
      <div style={{ display: "flex", alignItems: "center", gap: 4 }}>
        {!disabled && (
          <button
            type="button"
            ref={setActivatorNodeRef}
            className="kanban-handle"
            {...attributes}
            aria-roledescription={t("pipeline.cardRole")}
            aria-label={t("pipeline.dragHandle", { reference: item.reference, patient: patientName })}
          >
            <HolderOutlined />
          </button>
        )}
        <Link to={`/cases/${item.id}`} style={{ whiteSpace: "nowrap" }} onPointerDown={(event) => event.stopPropagation()}>
          {item.reference}
        </Link>
        {item.priority !== "normal" && (
          <Tag style={{ ...priorityStyles[item.priority], borderColor: priorityStyles[item.priority].color, marginInlineStart: "auto" }}>
            {t(`priority.${item.priority}`)}
          </Tag>
        )}
      </div>
      <div>{patientName}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {[countryName(item.patient.nationality, language), departmentName].filter(Boolean).join(t("common.separator"))}
      </Typography.Text>
      {item.planned_arrival_date && (
        <div style={{ fontSize: 12 }}>
          {t("cases.plannedArrival")}: {formatDate(item.planned_arrival_date)}
        </div>
      )}
    </div>
  );
}
