import "@testing-library/jest-dom/vitest";
import "@/app/setupDayjs";
import "@/i18n/i18n";

import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy and waitFor give up after 1 s by default, which a render on a loaded CI machine can exceed.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});

// Ant Design reads these browser APIs, which jsdom lacks.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

const originalGetComputedStyle = window.getComputedStyle;
// jsdom implements getComputedStyle without pseudo-elements and logs an error when one is passed.
window.getComputedStyle = (element: Element) => originalGetComputedStyle(element);
