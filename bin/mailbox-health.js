#!/usr/bin/env node
"use strict";
// mailbox-health: diagnose the mailboxes of a Dynamics 365 org dump (docs/cli.md).
// The command line is TypeScript compiled into dist/ by `npm install` / `npm ci` (the "prepare" script).
const path = require("path");

let cli;
try {
  cli = require(path.join(__dirname, "..", "dist", "cli", "main.js"));
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes(path.join("dist", "cli", "main.js"))) {
    process.stderr.write("mailbox-health: the command line is not built yet: run `npm ci` (or `npm run prepare`) first\n");
    process.exit(2);
  }
  throw e;
}
cli.main();
