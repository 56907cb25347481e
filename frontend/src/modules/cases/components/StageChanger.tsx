import { ArrowRightOutlined } from "@ant-design/icons";
import { Button, Select, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useMessage } from "@/modules/common/hooks/useMessage";
import { translateApiError } from "@/modules/common/utils/translateApiError";
import { LostReasonModal } from "@/modules/pipeline/components/LostReasonModal";

import { useMoveCaseStage } from "../hooks/useMoveCaseStage";
import { type CaseStage, caseStages } from "../utils/caseStages";
import { stageMoveProblem } from "../utils/stageMoveProblem";

// Stages after which "next stage" makes no sense.
const WITHOUT_NEXT_STAGE = ["follow_up", "closed", "lost", "cancelled"];

export type StageChangerProps = {
  caseId: string;
  stage: CaseStage;
};

/** Move a case to the next stage, or to any stage picked from the list. */
export function StageChanger({ caseId, stage }: StageChangerProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const moveStage = useMoveCaseStage();
  const [target, setTarget] = useState<CaseStage | undefined>(undefined);
  const [askLostReason, setAskLostReason] = useState(false);
  const nextStage = WITHOUT_NEXT_STAGE.includes(stage) ? undefined : caseStages[caseStages.indexOf(stage) + 1];

  const move = (toStage: CaseStage, lostReason?: string) => {
    moveStage.mutate(
      { caseId, toStage, lostReason },
      {
        onSuccess: () => {
          void message.success(t("pipeline.moved", { stage: t(`stages.${toStage}`) }));
          setTarget(undefined);
        },
        onError: (error) => void message.error(`${t("pipeline.moveFailed")} ${translateApiError(error, t)}`),
      },
    );
  };

  const request = (toStage: CaseStage) => {
    if (toStage === "lost") {
      setAskLostReason(true);
      return;
    }
    move(toStage);
  };

  return (
    <Space wrap>
      {nextStage && (
        <Button type="primary" icon={<ArrowRightOutlined />} loading={moveStage.isPending} onClick={() => request(nextStage)}>
          {t("cases.moveToNext", { stage: t(`stages.${nextStage}`) })}
        </Button>
      )}
      <Select
        value={target}
        placeholder={t("cases.chooseStage")}
        aria-label={t("cases.chooseStage")}
        style={{ width: 200 }}
        onChange={setTarget}
        options={caseStages
          .filter((value) => value !== stage && stageMoveProblem(stage, value) === undefined)
          .map((value) => ({ value, label: t(`stages.${value}`) }))}
      />
      <Button disabled={!target} loading={moveStage.isPending} onClick={() => target && request(target)}>
        {t("cases.changeStage")}
      </Button>
      <LostReasonModal
        open={askLostReason}
        onCancel={() => setAskLostReason(false)}
        onSubmit={(reason) => {
          setAskLostReason(false);
          move("lost", reason);
        }}
      />
    </Space>
  );
}
