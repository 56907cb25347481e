import type { TFunction } from "i18next";

import { ApiError } from "@/api/ApiError";
import { formatTokyoDateTime } from "@/modules/common/utils/formatTokyoDateTime";
import { translateApiError } from "@/modules/common/utils/translateApiError";

/** Return the message under the login form for a failed login; for a locked account it names when the lock ends. */
export function loginErrorMessage(error: unknown, t: TFunction): string {
  const lockedUntil = error instanceof ApiError && error.code === "account_locked" ? error.details.locked_until : undefined;
  if (typeof lockedUntil === "string") {
    return t("login.lockedUntil", { time: formatTokyoDateTime(lockedUntil) });
  }
  return translateApiError(error, t);
}
