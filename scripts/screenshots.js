#!/usr/bin/env node
"use strict";
/**
 * `npm run screenshots`: builds the playground and runs test/browser/screenshots.test.js and loop.test.js with
 * MAILBOX_HEALTH_SCREENSHOTS=docs, which updates the committed pictures in docs/screenshots/ (a picture
 * is rewritten only when more than anti-aliasing changed). `npm test` runs the same checks but writes
 * its pictures to out/screenshots/, so the tests never change the clone.
 */
const { spawnSync } = require("child_process");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const env = { ...process.env, MAILBOX_HEALTH_SCREENSHOTS: "docs" };
const steps = [
  [path.join(ROOT, "playground", "build.js")],
  [path.join(ROOT, "test", "browser", "run.js"), path.join(ROOT, "test", "browser", "screenshots.test.js"), path.join(ROOT, "test", "browser", "loop.test.js")],
];
for (const args of steps) {
  const status = spawnSync(process.execPath, args, { cwd: ROOT, stdio: "inherit", env }).status;
  if (status !== 0) process.exit(status ?? 1);
}
console.log(`\nUpdated docs/screenshots/ (git status shows which pictures changed).`);
