// Start a real backend for the browser tests: a scratch PostgreSQL database, migrations,
// users made with the CLI, and `hospital-crm serve` on a free loopback port serving dist/.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const backendDir = resolve(frontendDir, "../backend");
const cli = process.env.HOSPITAL_CRM_CLI ?? join(backendDir, ".venv/bin/hospital-crm");
const pgHost = process.env.E2E_PG_HOST ?? "127.0.0.1";
const pgUser = process.env.E2E_PG_USER ?? "postgres";

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(baseUrl, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`hospital-crm serve exited with code ${child.exitCode} before /health answered`);
    }
    try {
      const response = await fetch(`${baseUrl}/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`hospital-crm serve did not answer ${baseUrl}/health within ${timeoutMs} ms`);
}

/**
 * Create the database and start the server. Returns { baseUrl, env, createUser, stop };
 * stop() ends the server and drops the database.
 */
export async function startBackend() {
  const database = `hospital_crm_e2e_${process.pid}_${Date.now()}`;
  const dataDir = mkdtempSync(join(tmpdir(), "hospital-crm-e2e-"));
  const env = {
    ...process.env,
    APP_ENV: "development",
    DATABASE_URL: `postgresql://${pgUser}@${pgHost}:5432/${database}`,
    DATA_DIR: dataDir,
    JWT_SECRET: randomBytes(32).toString("hex"),
    JWT_REFRESH_SECRET: randomBytes(32).toString("hex"),
    ENCRYPTION_KEY: randomBytes(32).toString("hex"),
    FRONTEND_DIST: join(frontendDir, "dist"),
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "WARNING",
  };
  delete env.REDIS_URL;

  execFileSync("createdb", ["-h", pgHost, "-U", pgUser, database], { stdio: "inherit" });
  let child = null;
  const stop = async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((done) => {
        const timer = setTimeout(() => {
          child.kill("SIGKILL");
          done();
        }, 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          done();
        });
      });
    }
    try {
      execFileSync("dropdb", ["-h", pgHost, "-U", pgUser, "--if-exists", database], { stdio: "inherit" });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };

  try {
    execFileSync(cli, ["migrate"], { cwd: backendDir, env, stdio: ["ignore", "inherit", "inherit"] });
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(cli, ["serve", "--host", "127.0.0.1", "--port", String(port)], {
      cwd: backendDir,
      env,
      stdio: ["ignore", process.env.E2E_LOG_LEVEL ? "inherit" : "ignore", "inherit"],
    });
    await waitForHealth(baseUrl, child);

    // Asynchronous on purpose: a synchronous child blocks the event loop, and fetch then
    // reuses keep-alive sockets the server closed meanwhile ("other side closed").
    const createUser = ({ email, role, name, password, partnerId, uiLanguage = "ja" }) => {
      const args = ["create-user", "--email", email, "--role", role, "--name", name, "--ui-language", uiLanguage];
      if (partnerId) args.push("--partner-id", partnerId);
      return new Promise((done, fail) => {
        const child = spawn(cli, args, { cwd: backendDir, env, stdio: ["pipe", "ignore", "inherit"] });
        child.stdin.end(`${password}\n`);
        child.on("error", fail);
        child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`hospital-crm create-user ${email} exited with code ${code}`))));
      });
    };

    return { baseUrl, env, createUser, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
