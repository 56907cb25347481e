// Generate src/api/schema.d.ts from the backend's OpenAPI document.
// `--check` writes to a temporary file instead and exits 1 when the checked-in file differs.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const backendDir = resolve(frontendDir, "../backend");
const cli = process.env.HOSPITAL_CRM_CLI ?? join(backendDir, ".venv/bin/hospital-crm");
const target = join(frontendDir, "src/api/schema.d.ts");
const check = process.argv.includes("--check");

// NOTE: `hospital-crm openapi` also logs to stdout (for example "frontend.not_built" when
// dist/ is missing), so the document starts at the first line that is a lone "{".
function extractJson(output) {
  const start = output.startsWith("{\n") ? 0 : output.indexOf("\n{\n") + 1;
  if (start > 0) {
    console.error("warning: `hospital-crm openapi` printed log lines before the JSON document; they were skipped.");
  }
  const json = output.slice(start);
  JSON.parse(json);
  return json;
}

const workDir = mkdtempSync(join(tmpdir(), "hospital-crm-openapi-"));
try {
  const openapiJson = execFileSync(cli, ["openapi"], {
    cwd: backendDir,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const specPath = join(workDir, "openapi.json");
  writeFileSync(specPath, extractJson(openapiJson));

  const output = check ? join(workDir, "schema.d.ts") : target;
  const generator = join(frontendDir, "node_modules/.bin/openapi-typescript");
  // Fields with a default are optional in request bodies; response schemas list them as required anyway.
  execFileSync(generator, [specPath, "--default-non-nullable", "false", "--output", output], { cwd: frontendDir, stdio: ["ignore", "ignore", "inherit"] });

  if (check) {
    const fresh = readFileSync(output, "utf8");
    const current = readFileSync(target, "utf8");
    if (fresh !== current) {
      console.error("src/api/schema.d.ts is out of date with the backend's OpenAPI. Run `npm run gen:api` and commit the result.");
      process.exit(1);
    }
    console.log("src/api/schema.d.ts matches the backend's OpenAPI.");
  } else {
    console.log(`Wrote ${target}`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
