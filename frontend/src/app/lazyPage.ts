import { type ComponentType, lazy } from "react";

/** React.lazy for a module's named page export, so each route is its own chunk. */
export function lazyPage<Module, Name extends keyof Module>(load: () => Promise<Module>, name: Name) {
  return lazy(async () => {
    const module = await load();
    return { default: module[name] as ComponentType };
  });
}
