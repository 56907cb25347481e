import dayjs from "dayjs";

const PREFIX = "hospital-crm.draft:";

// Marks a dayjs value in the stored JSON, so dates come back as dayjs, as antd forms expect.
const DAYJS_MARK = "$dayjs";

function serialize(values: object): string {
  return JSON.stringify(values, function replace(this: Record<string, unknown>, key: string, value: unknown) {
    const original = this[key];
    return dayjs.isDayjs(original) ? { [DAYJS_MARK]: original.toISOString() } : value;
  });
}

function deserialize(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    const isMarked = typeof value === "object" && value !== null && DAYJS_MARK in value;
    return isMarked ? dayjs(String((value as Record<string, unknown>)[DAYJS_MARK])) : value;
  });
}

/**
 * Unsaved form input kept in sessionStorage, so that a session that expires while a user
 * types loses nothing. The app reloads on the login page. After the user logs in again
 * and returns to the page, the form that had the text restores it.
 *
 * The drafts can hold medical notes. sessionStorage belongs to one tab and is dropped when
 * the tab closes, and a draft is removed when its form is saved or discarded. Logging out
 * removes every draft, and logging in removes the drafts of any other user.
 */
export const formDrafts = {
  /** Build the storage key of one form's draft, which is per user, per page (pathname) and per form on the page. */
  key(userId: string, pathname: string, formName: string): string {
    return `${PREFIX}${userId}:${pathname}:${formName}`;
  },

  /** Return the stored draft, or null when there is none or it cannot be read (it is then removed). */
  read(key: string): Record<string, unknown> | null {
    const text = window.sessionStorage.getItem(key);
    if (text === null) {
      return null;
    }
    try {
      const values = deserialize(text);
      return typeof values === "object" && values !== null && !Array.isArray(values) ? (values as Record<string, unknown>) : null;
    } catch {
      window.sessionStorage.removeItem(key);
      return null;
    }
  },

  /** Store a form's current values. A full or unavailable storage loses the draft, never the form's text. */
  write(key: string, values: object): void {
    try {
      window.sessionStorage.setItem(key, serialize(values));
    } catch {
      // QuotaExceededError, or storage turned off. The form still contains the text.
    }
  },

  remove(key: string): void {
    window.sessionStorage.removeItem(key);
  },

  /** Remove every draft except those of `keepUserId`; null removes them all. */
  removeAllExcept(keepUserId: string | null): void {
    const keptPrefix = keepUserId === null ? null : `${PREFIX}${keepUserId}:`;
    const keys = Array.from({ length: window.sessionStorage.length }, (_, index) => window.sessionStorage.key(index));
    for (const key of keys) {
      if (key?.startsWith(PREFIX) && (keptPrefix === null || !key.startsWith(keptPrefix))) {
        window.sessionStorage.removeItem(key);
      }
    }
  },
};
