#!/usr/bin/env node
"use strict";
/**
 * `npm pack` / `npm publish` (the "prepack" script): compiles the command line into dist/ from scratch, so
 * the package holds exactly the modules the sources compile to today, never one left from an older build.
 * `npm ci` (the "prepare" script) compiles without removing anything first.
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
for (const dir of ["cli", "MailboxHealth"]) fs.rmSync(path.join(ROOT, "dist", dir), { recursive: true, force: true });
const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
const r = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "cli", "tsconfig.json")], { cwd: ROOT, stdio: "inherit" });
process.exit(r.status === null ? 1 : r.status);
