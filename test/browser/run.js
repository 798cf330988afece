#!/usr/bin/env node
"use strict";
/**
 * Runs the browser tests (test/browser/*.test.js) with node's test runner, one file at a time (each
 * starts its own server and Chromium), prints the spec report, then one line "N passed, N failed".
 * Writes the counts to out/browser-tests.json for scripts/test-all.js (npm test), which adds them to jest's. Exit status 1 on any failure, or if no test ran.
 *
 *   node test/browser/run.js [file ...]
 */
const fs = require("fs");
const path = require("path");
const { run } = require("node:test");
const { spec } = require("node:test/reporters");

const ROOT = path.resolve(__dirname, "..", "..");
/** The whole suite is given this long; each test has its own, shorter timeout. */
const SUITE_TIMEOUT_MS = 15 * 60 * 1000;

const args = process.argv.slice(2);
const files = (args.length ? args.map((f) => path.resolve(f)) : fs.readdirSync(__dirname).filter((f) => f.endsWith(".test.js")).map((f) => path.join(__dirname, f))).sort();

let passed = 0;
let failed = 0;
let skipped = 0;
const started = Date.now();

const stream = run({ files, concurrency: 1, timeout: SUITE_TIMEOUT_MS });
const count = (event) => (data) => {
  if (data.details && data.details.type === "suite") return;
  // A todo test (a budget known to be missed) is reported, not counted as passed or failed.
  if (data.skip || data.todo) skipped++;
  else if (event === "pass") passed++;
  else failed++;
};
stream.on("test:pass", count("pass"));
stream.on("test:fail", count("fail"));

const guard = setTimeout(() => {
  console.error(`the browser tests did not finish in ${SUITE_TIMEOUT_MS / 60000} minutes`);
  finish(true);
}, SUITE_TIMEOUT_MS + 30000);
guard.unref();

function finish(timedOut) {
  clearTimeout(guard);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (timedOut) failed++;
  fs.mkdirSync(path.join(ROOT, "out"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, "out", "browser-tests.json"), JSON.stringify({ passed, failed, skipped, seconds: Number(seconds) }) + "\n");
  console.log(`\nbrowser tests: ${files.length} files in ${seconds} s`);
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

stream
  .compose(spec)
  .on("end", () => finish(false))
  .pipe(process.stdout, { end: false });
