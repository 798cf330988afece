#!/usr/bin/env node
"use strict";
/**
 * `npm test`: every suite, then one line "N passed, N failed" summing them.
 *  1. jest (rules, data access, the control's lifecycle and UI, the command line, the solution zips);
 *     arguments after `npm test --` go to jest;
 *  2. the browser tests (the playground in Debian's Chromium, test/browser/).
 *  3. one more check: the tests left the clone as they found it (`git status`). Tests write only to
 *     out/ and other ignored paths; in CI (a fresh clone) the status must be empty afterwards, elsewhere
 *     nothing may change that was not changed before. Counted in the last line like any test.
 * Without Chromium, outside CI, the browser tests are reported as not run (with how to install it);
 * in CI (CI=true) a missing Chromium is a failure.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const { changedSince, gitState } = require("./clone-state");

const ROOT = path.resolve(__dirname, "..");
const JEST_REPORT = path.join(ROOT, ".jest.json");
const BROWSER_REPORT = path.join(ROOT, "out", "browser-tests.json");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ci = /^(1|true)$/i.test(process.env.CI || "");

function run(command, args, env = {}) {
  return spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } }).status;
}
const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);

const gitBefore = gitState(ROOT);
for (const file of [JEST_REPORT, BROWSER_REPORT]) fs.rmSync(file, { force: true });

console.log("== jest");
const jestArgs = process.argv.slice(2);
const jestStatus = run(process.execPath, [require.resolve("jest/bin/jest", { paths: [ROOT] }), "--json", `--outputFile=${JEST_REPORT}`, ...jestArgs]);

console.log("\n== browser tests");
let browserStatus = 0;
let browserMissing = false;
if (fs.existsSync(CHROMIUM)) {
  browserStatus = run(process.execPath, [path.join(ROOT, "playground", "build.js")]);
  if (browserStatus === 0) browserStatus = run(process.execPath, [path.join(ROOT, "test", "browser", "run.js")]);
} else {
  browserMissing = true;
  console.log(`Chromium not found at ${CHROMIUM}: the browser tests did not run. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
}

console.log("\n== the clone after the tests (git status)");
let gitFailed = 0;
const gitAfter = gitBefore && gitState(ROOT);
if (gitAfter) {
  const changed = changedSince(gitBefore, gitAfter, ci);
  if (changed.length) {
    gitFailed = 1;
    console.log(`the tests changed the clone${ci ? "" : " (files they changed, besides your own changes)"}:\n  ${changed.join("\n  ")}`);
    console.log("tests must write only to out/ or other ignored paths (npm run screenshots updates docs/screenshots/).");
  } else console.log(ci ? "clean" : "as the tests found it");
} else console.log("not a git clone: not checked");

const jest = read(JEST_REPORT);
const browser = read(BROWSER_REPORT);
const passed = (jest ? jest.numPassedTests : 0) + (browser ? browser.passed : 0) + (gitAfter && !gitFailed ? 1 : 0);
let failed = (jest ? jest.numFailedTests : 1) + (browser ? browser.failed : 0) + gitFailed;
if (!browser && !(browserMissing && !ci)) failed++;
const skipped = (jest ? jest.numPendingTests + jest.numTodoTests : 0) + (browser ? browser.skipped : 0);
const notRun = browserMissing ? " (browser tests not run: no Chromium)" : "";
console.log("");
if (notRun) console.log(notRun.trim());
console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
const ok = failed === 0 && jest && jest.success && jest.numTotalTests > 0 && jestStatus === 0 && browserStatus === 0 && (browser ? browser.passed > 0 : browserMissing && !ci);
process.exit(ok ? 0 : 1);
