import type { KeyboardEvent } from "react";

/**
 * Keep Enter inside a date picker. rc-picker confirms the typed date on Enter before it calls
 * the picker's onKeyDown, but it leaves the key's default action, so the browser's implicit
 * submission would also send the surrounding form.
 */
export function preventEnterSubmit(event: KeyboardEvent<HTMLElement>): void {
  if (event.key === "Enter") {
    event.preventDefault();
  }
}
