// Run the browser tests: start a real backend on a scratch PostgreSQL database, seed it
// through the API, run e2e/tests/*.test.mjs with node's test runner, then tear down.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { startBackend } from "./lib/backend.mjs";
import { seed } from "./lib/seed.mjs";

const e2eDir = dirname(fileURLToPath(import.meta.url));
const frontendDir = resolve(e2eDir, "..");

if (!existsSync(join(frontendDir, "dist/index.html"))) {
  console.error("frontend/dist is missing: run `npm run build` first.");
  process.exit(1);
}

const backend = await startBackend();
let exitCode = 1;
try {
  const fixtures = await seed(backend);
  const fixturesPath = join(tmpdir(), `hospital-crm-e2e-${process.pid}.json`);
  writeFileSync(fixturesPath, JSON.stringify({ baseUrl: backend.baseUrl, ...fixtures }));

  const only = process.argv.slice(2);
  const testFiles = readdirSync(join(e2eDir, "tests"))
    .filter((name) => name.endsWith(".test.mjs"))
    .filter((name) => only.length === 0 || only.some((part) => name.includes(part)))
    .sort()
    .map((name) => join(e2eDir, "tests", name));

  exitCode = await new Promise((done) => {
    const child = spawn(process.execPath, ["--test", "--test-concurrency=1", ...testFiles], {
      stdio: "inherit",
      env: { ...process.env, E2E_FIXTURES: fixturesPath },
    });
    child.on("exit", (code) => done(code ?? 1));
  });
} finally {
  await backend.stop();
}
process.exit(exitCode);
