// Measure how long the patients page takes to paint the first page of its list after the
// API response arrives, in headless Chromium against a real backend.
//
// The backend is `hospital-crm serve` on 127.0.0.1, started here on a PostgreSQL database
// kept by `benchmarks/backend_benchmark.py --keep`, whose state file names the database,
// the encryption key and the coordinator's password. The script migrates that database to
// the current schema first. Then it logs in as that
// coordinator, then loads /patients again and again. For each load it takes the time from
// the end of the GET /api/v1/patients response (Resource Timing's responseEnd) to the
// first task after the frame that painted the table rows.
//
// Usage, from the repository root, after `cd frontend && npm run build`:
//   node benchmarks/frontend_list_render.mjs --state STATE_FILE [--port 3101] [--loads 50] [--warmup 5]
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const rootDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const frontendDir = join(rootDir, "frontend");
const backendDir = join(rootDir, "backend");
const { chromium } = createRequire(join(frontendDir, "package.json"))("playwright-core");

const COORDINATOR_EMAIL = "bench.coordinator@example.com";
const TARGET_MS = 300;

function fail(message) {
  console.error(message);
  process.exit(2);
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      state: { type: "string" },
      port: { type: "string", default: "3101" },
      loads: { type: "string", default: "50" },
      warmup: { type: "string", default: "5" },
      chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
    },
  });
  if (!values.state) {
    fail(
      "Missing --state: pass the state file that `backend/.venv/bin/python benchmarks/backend_benchmark.py " +
        "--database postgresql --patients 100000 --keep` prints after `--reuse`.",
    );
  }
  const numbers = { port: Number(values.port), loads: Number(values.loads), warmup: Number(values.warmup) };
  for (const [name, value] of Object.entries(numbers)) {
    if (!Number.isInteger(value) || value < (name === "warmup" ? 0 : 1)) {
      fail(`Invalid --${name} ${values[name]}: expected a whole number${name === "warmup" ? "" : " of at least 1"}.`);
    }
  }
  return { ...values, ...numbers };
}

function readState(path) {
  if (!existsSync(path)) {
    fail(`State file not found: ${path}. Keep a database with backend_benchmark.py --keep first.`);
  }
  const state = JSON.parse(readFileSync(path, "utf8"));
  if (!state.database_url?.startsWith("postgresql")) {
    fail(`The state file ${path} names no PostgreSQL database: run backend_benchmark.py with --database postgresql --keep.`);
  }
  return state;
}

function assertPortFree(port) {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once("error", () => reject(new Error(`Port ${port} on 127.0.0.1 is in use: pick another with --port.`)));
    server.listen(port, "127.0.0.1", () => server.close(done));
  });
}

function countPatients(databaseUrl) {
  return Number(execFileSync("psql", [databaseUrl, "-tAc", "SELECT count(*) FROM patients"], { encoding: "utf8" }).trim());
}

async function waitForHealth(baseUrl, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`hospital-crm serve exited with code ${child.exitCode} before /health responded`);
    }
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`hospital-crm serve did not respond at ${baseUrl}/health within ${timeoutMs} ms`);
}

/** Migrate the kept database, start the backend on it with a scratch data directory, and return { baseUrl, stop }. */
async function startBackend(state, port) {
  const dataDir = mkdtempSync(join(tmpdir(), "crm-list-render-"));
  const env = {
    ...process.env,
    APP_ENV: "development",
    DATABASE_URL: state.database_url,
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: state.encryption_key,
    JWT_SECRET: randomBytes(32).toString("hex"),
    JWT_REFRESH_SECRET: randomBytes(32).toString("hex"),
    FRONTEND_DIST: join(frontendDir, "dist"),
    LOG_LEVEL: "WARNING",
    // Every load refreshes the session, so a long run could reach the default limit of 600 requests a minute.
    RATE_LIMIT_PER_MINUTE: "100000",
  };
  delete env.REDIS_URL;

  const cli = join(backendDir, ".venv/bin/hospital-crm");
  try {
    // A database kept before a new migration would miss its tables or indexes.
    execFileSync(cli, ["migrate"], { cwd: backendDir, env, stdio: ["ignore", "ignore", "inherit"] });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const child = spawn(cli, ["serve", "--host", "127.0.0.1", "--port", String(port)], { cwd: backendDir, env, stdio: ["ignore", "ignore", "inherit"] });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((done) => child.once("exit", done));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

// Runs in the page before the app: resolves once the first table rows are in the DOM and
// painted. requestAnimationFrame runs just before the frame's paint, and a message posted
// from it is handled in the first task after that paint.
function observeFirstRows() {
  window.__firstRowsPainted = new Promise((done) => {
    const observer = new MutationObserver(() => {
      const rows = document.querySelectorAll("tr.ant-table-row");
      if (rows.length === 0) return;
      observer.disconnect();
      const insertedAt = performance.now();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => done({ insertedAt, paintedAt: performance.now(), rows: rows.length });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

async function logIn(page, baseUrl, password) {
  await page.goto(`${baseUrl}/login`);
  await page.locator("#email").fill(COORDINATOR_EMAIL);
  await page.locator("#password").fill(password);
  await page.locator("button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Load /patients once and return the render time and the API's own time, in ms. */
async function measureLoad(page, baseUrl) {
  const isPatientList = (response) => new URL(response.url()).pathname === "/api/v1/patients";
  const responsePromise = page.waitForResponse(isPatientList);
  await page.goto(`${baseUrl}/patients`, { waitUntil: "commit" });
  const body = await (await responsePromise).json();
  const painted = await page.evaluate(() => window.__firstRowsPainted);
  const timing = await page.evaluate(() => {
    const entry = performance.getEntriesByType("resource").find((resource) => new URL(resource.name).pathname === "/api/v1/patients");
    return entry ? { requestStart: entry.requestStart, responseEnd: entry.responseEnd } : null;
  });

  if (!timing) throw new Error("No Resource Timing entry for GET /api/v1/patients.");
  if (body.items.length === 0) throw new Error("The patients list is empty: the state file's database contains no patients.");
  if (painted.rows !== body.items.length) {
    throw new Error(`The table showed ${painted.rows} rows for ${body.items.length} patients in the response.`);
  }
  return {
    renderMs: painted.paintedAt - timing.responseEnd,
    domMs: painted.insertedAt - timing.responseEnd,
    apiMs: timing.responseEnd - timing.requestStart,
    rows: painted.rows,
    total: body.total,
    totalExact: body.total_exact ?? true,
  };
}

/** Nearest-rank percentile, as benchmarks/backend_benchmark.py computes it. */
function percentile(values, fraction) {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.max(Math.ceil(fraction * ordered.length) - 1, 0)];
}

function formatRow(name, values) {
  const cells = [percentile(values, 0.5), percentile(values, 0.95), Math.max(...values)].map((value) => value.toFixed(1).padStart(8));
  return `${name.padEnd(44)}${cells.join("")}`;
}

const options = readOptions();
const state = readState(options.state);
if (!existsSync(join(frontendDir, "dist/index.html"))) {
  fail("frontend/dist is missing: run `npm run build` in frontend/ first.");
}
await assertPortFree(options.port);

const patientCount = countPatients(state.database_url);
const backend = await startBackend(state, options.port);
let browser = null;
try {
  browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  await context.addInitScript(observeFirstRows);
  const page = await context.newPage();
  await logIn(page, backend.baseUrl, state.password);

  for (let index = 0; index < options.warmup; index += 1) {
    await measureLoad(page, backend.baseUrl);
  }
  const loadBefore = loadavg();
  const results = [];
  for (let index = 0; index < options.loads; index += 1) {
    results.push(await measureLoad(page, backend.baseUrl));
  }
  const loadAfter = loadavg();

  const format = (load) => load.map((value) => value.toFixed(2)).join(" ");
  const last = results.at(-1);
  console.log(`Machine: ${cpus()[0]?.model ?? "unknown CPU"}, ${cpus().length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`);
  console.log(`Browser: Chromium ${browser.version()}, headless, 1280x800`);
  console.log(`Database: ${patientCount.toLocaleString("en")} patients; the list reports ${last.total}${last.totalExact ? "" : "+"} matches and shows ${last.rows} rows`);
  console.log(`Loads of /patients: ${options.loads} timed after ${options.warmup} untimed`);
  console.log(`Load average (1, 5, 15 min) before: ${format(loadBefore)}, after: ${format(loadAfter)}`);
  console.log(`${"ms".padEnd(44)}${["p50", "p95", "max"].map((label) => label.padStart(8)).join("")}`);
  console.log(formatRow("API response end to rows painted", results.map((result) => result.renderMs)));
  console.log(formatRow("API response end to rows in the DOM", results.map((result) => result.domMs)));
  console.log(formatRow("API request start to response end", results.map((result) => result.apiMs)));

  const p95 = percentile(results.map((result) => result.renderMs), 0.95);
  console.log(`Target: rows painted within ${TARGET_MS} ms of the response at p95: ${p95 <= TARGET_MS ? "met" : "NOT met"}.`);
} finally {
  await browser?.close();
  await backend.stop();
}
