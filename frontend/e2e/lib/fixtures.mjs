import { readFileSync } from "node:fs";

/** Ids and the base URL that run.mjs seeded for this run. */
export function fixtures() {
  const path = process.env.E2E_FIXTURES;
  if (!path) {
    throw new Error("E2E_FIXTURES is not set: start the browser tests with `node e2e/run.mjs`.");
  }
  return JSON.parse(readFileSync(path, "utf8"));
}
