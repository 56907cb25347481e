import { useCallback } from "react";
import { useSearchParams } from "react-router-dom";

/**
 * Read and write list state (search text, filters, sort, page) in the URL, so reloads,
 * the back button and shared links keep it. Setting a value to "" or undefined removes it,
 * and any change other than the page itself sends the list back to page 1.
 */
export function useSearchParamState(): [URLSearchParams, (changes: Record<string, string | number | undefined | null>) => void] {
  const [searchParams, setSearchParams] = useSearchParams();

  const update = useCallback(
    (changes: Record<string, string | number | undefined | null>) => {
      setSearchParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === null || value === "") {
              next.delete(key);
            } else {
              next.set(key, String(value));
            }
          }
          if (!("page" in changes)) {
            next.delete("page");
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearchParams],
  );

  return [searchParams, update];
}
