// Drive Debian's Chromium with playwright-core (no browser download). The flags keep
// Chromium from calling Google's services, which this closed network refuses.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const screenshotDir = join(frontendDir, "screenshots");
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

import { PASSWORD } from "./password.mjs";

export { PASSWORD };

/** Launch headless Chromium; Playwright gives each launch a new empty user data dir. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Open a browser context with its own cookies at 1280x800, with Japanese as the browser language. */
export function newContext(browser, options = {}) {
  return browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "ja-JP", timezoneId: "Asia/Tokyo", ...options });
}

/** Log in through the form and wait to leave the login page. */
export async function logIn(page, baseUrl, email, password = PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Pick a language in the header's language select, found by its current accessible name. */
export async function chooseLanguage(page, currentLabel, option) {
  await page.getByRole("combobox", { name: currentLabel }).selectOption({ label: option });
}

/** Run axe-core in the page and return violations of impact serious or critical. */
export async function seriousAxeViolations(page) {
  // evaluate() runs through the DevTools protocol, so the page's CSP (script-src 'self') allows it.
  await page.evaluate(axeSource);
  const results = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const outcome = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return outcome.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => `${node.target.join(" ")}: ${node.failureSummary}`),
    }));
  });
  return results.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

/** Save a full-page screenshot as screenshots/<name>.png after animations settle. */
export async function screenshot(page, name) {
  mkdirSync(screenshotDir, { recursive: true });
  // The dashboard refreshes every minute, so "networkidle" is not a usable signal here.
  await page.waitForFunction(() => !document.querySelector(".ant-spin-spinning, .ant-skeleton-active, .page-spinner"));
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
