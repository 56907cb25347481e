// Report the gzip size of the JavaScript each route of the web app loads, from
// frontend/dist/.vite/manifest.json (run `npm run build` in frontend/ first).
// A route loads the entry chunk, the page's lazy chunk, and every chunk those import
// statically. Dynamic imports inside a page load later, so they are listed as "deferred".
// Usage: node benchmarks/frontend_bundle.mjs [--json] [--max-kb=350 --routes=LoginPage,DashboardPage]
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const distDir = resolve(dirname(fileURLToPath(import.meta.url)), "../frontend/dist");
const manifest = JSON.parse(readFileSync(join(distDir, ".vite/manifest.json"), "utf8"));
const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, "").split("=")));

const gzipCache = new Map();
function gzipBytes(file) {
  if (!gzipCache.has(file)) {
    gzipCache.set(file, gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length);
  }
  return gzipCache.get(file);
}

function staticClosure(keys, seen = new Set()) {
  for (const key of keys) {
    if (seen.has(key)) continue;
    seen.add(key);
    staticClosure(manifest[key]?.imports ?? [], seen);
  }
  return seen;
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
const entryChunks = staticClosure([entryKey]);
const pageKeys = Object.keys(manifest).filter((key) => /\/components\/\w+Page\.tsx$/.test(key) && manifest[key].isDynamicEntry);

const sum = (keys) => [...keys].reduce((total, key) => total + gzipBytes(manifest[key].file), 0);
const rows = pageKeys
  .map((key) => {
    const route = key.match(/(\w+Page)\.tsx$/)[1];
    const loaded = staticClosure([key], new Set(entryChunks));
    const deferred = new Set((manifest[key].dynamicImports ?? []).flatMap((dynamic) => [...staticClosure([dynamic])]).filter((chunk) => !loaded.has(chunk)));
    return { route, initialKb: sum(loaded) / 1024, pageOnlyKb: sum(new Set([...loaded].filter((chunk) => !entryChunks.has(chunk)))) / 1024, deferredKb: sum(deferred) / 1024 };
  })
  .sort((a, b) => a.route.localeCompare(b.route));

if ("json" in args) {
  console.log(JSON.stringify({ entryKb: sum(entryChunks) / 1024, routes: rows }, null, 2));
} else {
  console.log(`entry (shared by every route): ${(sum(entryChunks) / 1024).toFixed(1)} KB gzip`);
  console.log("route                      initial KB  page-only KB  deferred KB");
  for (const row of rows) {
    console.log(`${row.route.padEnd(26)} ${row.initialKb.toFixed(1).padStart(10)} ${row.pageOnlyKb.toFixed(1).padStart(13)} ${row.deferredKb.toFixed(1).padStart(12)}`);
  }
}

if (args["max-kb"]) {
  const limit = Number(args["max-kb"]);
  const checked = (args.routes ?? "LoginPage,DashboardPage").split(",");
  const over = rows.filter((row) => checked.includes(row.route) && row.initialKb + row.deferredKb > limit);
  for (const row of over) {
    console.error(`${row.route} loads ${(row.initialKb + row.deferredKb).toFixed(1)} KB gzip of JavaScript, over the ${limit} KB budget.`);
  }
  process.exit(over.length > 0 ? 1 : 0);
}
