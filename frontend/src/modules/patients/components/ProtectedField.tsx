import { EyeOutlined } from "@ant-design/icons";
import { Button, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { useMessage } from "@/modules/common/hooks/useMessage";
import { translateApiError } from "@/modules/common/utils/translateApiError";

import { type RevealableField, useRevealPatientField } from "../hooks/useRevealPatientField";

export type ProtectedFieldProps = {
  patientId: string;
  field: RevealableField;
  hasValue: boolean;
  canReveal: boolean;
};

/**
 * Show an encrypted patient field masked until the user clicks 「表示」. Each click sends
 * POST /reveal, which the server records in the audit log, and the value is kept only in
 * this component's state.
 */
export function ProtectedField({ patientId, field, hasValue, canReveal }: ProtectedFieldProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const reveal = useRevealPatientField(patientId);
  const [value, setValue] = useState<string | null>(null);
  const [revealed, setRevealed] = useState(false);

  if (!hasValue) {
    return <Typography.Text type="secondary">{t("patients.notRecorded")}</Typography.Text>;
  }
  if (revealed) {
    return (
      <span data-testid={`revealed-${field}`} style={{ whiteSpace: "pre-wrap" }}>
        {value ?? ""}
      </span>
    );
  }

  const onReveal = () => {
    reveal.mutate(field, {
      onSuccess: (revealedValue) => {
        setValue(revealedValue);
        setRevealed(true);
      },
      onError: (error) => void message.error(translateApiError(error, t)),
    });
  };

  return (
    <span>
      <span className="masked-value" aria-label={t("patients.masked")}>
        ••••••••
      </span>
      {canReveal && (
        <Button
          size="small"
          type="link"
          icon={<EyeOutlined />}
          loading={reveal.isPending}
          onClick={onReveal}
          aria-label={t("patients.revealField", { field: t(`patients.protectedFields.${field}`) })}
        >
          {t("patients.reveal")}
        </Button>
      )}
    </span>
  );
}
