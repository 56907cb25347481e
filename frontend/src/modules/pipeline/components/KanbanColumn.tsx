import { useDroppable } from "@dnd-kit/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type KanbanColumnProps = {
  stage: string;
  count: number;
  children: ReactNode;
};

/** Render a stage column that accepts dropped cases. */
export function KanbanColumn({ stage, count, children }: KanbanColumnProps) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const titleId = `kanban-column-${stage}`;

  return (
    <section ref={setNodeRef} className={`kanban-column${isOver ? " is-over" : ""}`} aria-labelledby={titleId} data-stage={stage}>
      <h2 className="kanban-column-title" id={titleId}>
        <span>{t(`stages.${stage}`)}</span>
        <span aria-label={t("common.totalCount", { count })}>{count}</span>
      </h2>
      {children}
    </section>
  );
}
