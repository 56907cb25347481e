import { DndContext, type DragEndEvent, KeyboardSensor, PointerSensor, useSensor, useSensors } from "@dnd-kit/core";

import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useMoveCaseStage } from "@/modules/cases/hooks/useMoveCaseStage";
import { type CaseStage, caseStages } from "@/modules/cases/utils/caseStages";
import { stageMoveProblem } from "@/modules/cases/utils/stageMoveProblem";
import { useMessage } from "@/modules/common/hooks/useMessage";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { useDepartmentName } from "@/modules/departments/hooks/useDepartmentName";

import type { BoardColumn } from "../utils/boardColumns";
import { columnKeyboardCoordinates } from "../utils/columnKeyboardCoordinates";
import { type CaseSummary, KanbanCard } from "./KanbanCard";
import { KanbanColumn } from "./KanbanColumn";
import { LostReasonModal } from "./LostReasonModal";

export type KanbanBoardProps = {
  columns: BoardColumn<CaseSummary>[];
  canMove: boolean;
  /** Path of the table view that lists every case of `stage` under the board's filters. */
  tablePath: (stage: CaseStage) => string;
};

type PendingMove = { caseId: string; toStage: CaseStage };

/** Show the pipeline as columns per stage. A drop moves the case at once and rolls back if the API rejects the move. */
export function KanbanBoard({ columns, canMove, tablePath }: KanbanBoardProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const departmentName = useDepartmentName();
  const moveStage = useMoveCaseStage();
  const [pendingLost, setPendingLost] = useState<PendingMove | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnKeyboardCoordinates }),
  );

  const cases = columns.flatMap((column) => column.items);
  const stageOf = (caseId: string) => cases.find((item) => item.id === caseId)?.stage;
  const referenceOf = (caseId: string | number) => cases.find((item) => item.id === caseId)?.reference ?? "";

  const move = (caseId: string, toStage: CaseStage, lostReason?: string) => {
    moveStage.mutate(
      { caseId, toStage, lostReason },
      {
        onSuccess: () => void message.success(t("pipeline.moved", { stage: t(`stages.${toStage}`) })),
        onError: (error) => void message.error(`${t("pipeline.moveFailed")} ${translateApiError(error, t)}`),
      },
    );
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over) {
      return;
    }
    const caseId = String(active.id);
    const toStage = caseStages.find((stage) => stage === over.id);
    if (!toStage) {
      return;
    }
    const fromStage = stageOf(caseId);
    if (!fromStage || fromStage === toStage) {
      return;
    }
    const problem = stageMoveProblem(fromStage, toStage);
    if (problem) {
      void message.warning(`${t("pipeline.moveFailed")} ${t(`pipeline.${problem}`)}`);
      return;
    }
    if (toStage === "lost") {
      setPendingLost({ caseId, toStage });
      return;
    }
    move(caseId, toStage);
  };

  return (
    <>
      <DndContext
        sensors={sensors}
        onDragEnd={onDragEnd}
        accessibility={{
          screenReaderInstructions: { draggable: t("pipeline.dragInstructions") },
          announcements: {
            onDragStart: ({ active }) => t("pipeline.announceStart", { reference: referenceOf(active.id) }),
            onDragOver: ({ active, over }) =>
              over ? t("pipeline.announceOver", { reference: referenceOf(active.id), stage: t(`stages.${over.id}`) }) : "",
            onDragEnd: ({ active, over }) =>
              over ? t("pipeline.announceDrop", { reference: referenceOf(active.id), stage: t(`stages.${over.id}`) }) : t("pipeline.announceCancel"),
            onDragCancel: () => t("pipeline.announceCancel"),
          },
        }}
      >
        <div className="kanban">
          {columns.map((column) => (
            <KanbanColumn
              key={column.stage}
              stage={column.stage}
              total={column.total}
              totalExact={column.totalExact}
              shownCount={column.items.length}
              tablePath={tablePath(column.stage)}
            >
              {column.items.map((item) => (
                <KanbanCard key={item.id} item={item} departmentName={departmentName(item.department_id)} disabled={!canMove} />
              ))}
            </KanbanColumn>
          ))}
        </div>
      </DndContext>
      <LostReasonModal
        open={pendingLost !== null}
        onCancel={() => setPendingLost(null)}
        onSubmit={(reason) => {
          if (pendingLost) move(pendingLost.caseId, pendingLost.toStage, reason);
          setPendingLost(null);
        }}
      />
    </>
  );
}
