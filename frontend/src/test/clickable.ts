import { waitFor } from "@testing-library/react";

function blocksPointer(element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (window.getComputedStyle(node).pointerEvents === "none") return true;
  }
  return false;
}

/**
 * Wait until no ancestor of the element blocks pointer events, then return it.
 *
 * An Ant Design table keeps its loading blur for one render after its data arrives, because Spin
 * clears its state in an effect. On a busy machine a test can find a button in that render, and
 * user-event then rejects the click.
 */
export async function clickable<T extends Element>(element: T): Promise<T> {
  await waitFor(() => {
    if (blocksPointer(element)) {
      throw new Error("The element is still covered by a loading state.");
    }
  });
  return element;
}
