#!/usr/bin/env node
"use strict";
// mailbox-health: diagnose the mailboxes of a Dynamics 365 org (docs/cli.md).
// The command line is TypeScript compiled into dist/: by `npm ci` in a clone (the "prepare" script), and
// before `npm pack` / `npm publish` (the "prepack" script), so the package carries it compiled.
const path = require("path");

let cli;
try {
  cli = require("../dist/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && String(e.message).includes(path.join("dist", "cli", "main.js"))) {
    process.stderr.write("mailbox-health: the command line is not built yet: run `npm ci` (or `npm run prepare`) first\n");
    process.exit(2);
  }
  throw e;
}
cli.main();
