import { useDroppable } from "@dnd-kit/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

export type KanbanColumnProps = {
  stage: string;
  /** Cases in the stage under the board's filters, a lower bound when `totalExact` is false. */
  total: number;
  totalExact: boolean;
  /** Cards the column shows, the newest of the stage. */
  shownCount: number;
  /** Table view of the whole stage, linked when the column shows only part of it. */
  tablePath: string;
  children: ReactNode;
};

/** Render a stage column that accepts dropped cases, with the stage's total and a link to the rest. */
export function KanbanColumn({ stage, total, totalExact, shownCount, tablePath, children }: KanbanColumnProps) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const titleId = `kanban-column-${stage}`;
  const rest = Math.max(total - shownCount, 0);
  const countLabel = t(totalExact ? "common.totalCount" : "common.totalAtLeast", { count: total });

  return (
    <section ref={setNodeRef} className={`kanban-column${isOver ? " is-over" : ""}`} aria-labelledby={titleId} data-stage={stage}>
      <h2 className="kanban-column-title" id={titleId}>
        <span>{t(`stages.${stage}`)}</span>
        <span aria-label={countLabel} title={countLabel}>
          {t(totalExact ? "pipeline.columnCount" : "pipeline.columnCountAtLeast", { count: total })}
        </span>
      </h2>
      {children}
      {(rest > 0 || !totalExact) && (
        <Link className="kanban-column-more" to={tablePath}>
          {t(totalExact ? "pipeline.moreInTable" : "pipeline.moreInTableAtLeast", { count: rest })}
        </Link>
      )}
    </section>
  );
}
