import { Modal } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router-dom";

import { isLeavingForLogin } from "@/api/redirectToLogin";

/**
 * Warn before leaving a form with unsaved changes: a confirm dialog for in-app
 * navigation and the browser's own prompt for reloads and closed tabs. `onLeave` runs
 * when the user confirms leaving, for example to drop the form's draft.
 */
export function useUnsavedChangesWarning(isDirty: boolean, onLeave?: () => void): void {
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => isDirty && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (blocker.state !== "blocked") {
      return;
    }
    Modal.confirm({
      title: t("common.unsavedTitle"),
      content: t("common.unsavedBody"),
      okText: t("common.leave"),
      cancelText: t("common.stay"),
      onOk: () => {
        onLeave?.();
        blocker.proceed();
      },
      onCancel: () => blocker.reset(),
    });
  }, [blocker, onLeave, t]);

  useEffect(() => {
    if (!isDirty) {
      return;
    }
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (isLeavingForLogin()) {
        return;
      }
      event.preventDefault();
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [isDirty]);
}
