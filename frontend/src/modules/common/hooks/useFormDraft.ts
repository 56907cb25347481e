import type { FormInstance } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router-dom";

import { useSession } from "@/modules/auth/hooks/useSession";

import { formDrafts } from "../utils/formDrafts";
import { useMessage } from "./useMessage";

export type FormDraft<Values> = {
  /** True when the form started from a stored draft, so it has unsaved changes. */
  restored: boolean;
  /** Store the form's values; call it from the form's onValuesChange. */
  save: (values: Values) => void;
  /** Remove the draft after a save, or when the user discards the changes. */
  clear: () => void;
};

/**
 * Keep a form's unsaved input as a draft of the current page and user (see formDrafts),
 * and put a stored draft back into the form when it mounts.
 */
export function useFormDraft<Values extends object>(form: FormInstance<Values>, formName: string): FormDraft<Values> {
  const { t } = useTranslation();
  const message = useMessage();
  const { user } = useSession();
  const { pathname } = useLocation();
  const key = user ? formDrafts.key(user.id, pathname, formName) : null;
  const [storedValues] = useState(() => (key ? formDrafts.read(key) : null));
  const applied = useRef(false);

  useEffect(() => {
    if (!storedValues || applied.current) {
      return;
    }
    applied.current = true;
    form.setFieldsValue(storedValues as Parameters<typeof form.setFieldsValue>[0]);
    void message.info({ content: t("drafts.restored"), key: "draft-restored" });
  }, [form, message, storedValues, t]);

  const save = useCallback(
    (values: Values) => {
      if (key) formDrafts.write(key, values);
    },
    [key],
  );
  const clear = useCallback(() => {
    if (key) formDrafts.remove(key);
  }, [key]);

  return { restored: storedValues !== null, save, clear };
}
