import { useCallback } from "react";
import { useTranslation } from "react-i18next";

import { useMessage } from "@/modules/common/hooks/useMessage";

import { normalisedPhoneChanges } from "../utils/normalisedPhoneChanges";

type PhoneNumber = { number: string };

/** Return a function that shows, after a save, which phone numbers the API stored in E.164 form. */
export function useNormalisedPhoneNotice(): (sent: readonly PhoneNumber[] | null | undefined, stored: readonly PhoneNumber[] | null | undefined) => void {
  const { t } = useTranslation();
  const message = useMessage();
  return useCallback(
    (sent, stored) => {
      const changes = normalisedPhoneChanges(sent, stored);
      if (changes.length > 0) {
        void message.info({ content: t("patients.phonesNormalised", { changes: changes.join(t("common.enumerationSeparator")) }), duration: 8 });
      }
    },
    [message, t],
  );
}
