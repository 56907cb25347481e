import { useCallback, useState } from "react";

/** Keep the columns a user chose to show in one table in localStorage under `storageKey`. */
export function useStoredColumns(storageKey: string, defaults: string[]): [string[], (columns: string[]) => void] {
  const [columns, setColumnsState] = useState<string[]>(() => {
    try {
      const stored: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? "null");
      return Array.isArray(stored) && stored.every((item) => typeof item === "string") ? stored : defaults;
    } catch {
      return defaults;
    }
  });

  const setColumns = useCallback(
    (next: string[]) => {
      window.localStorage.setItem(storageKey, JSON.stringify(next));
      setColumnsState(next);
    },
    [storageKey],
  );

  return [columns, setColumns];
}
