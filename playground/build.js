#!/usr/bin/env node
"use strict";
/**
 * Builds what the playground serves, into out/playground/:
 *   control/   the control as pcf-scripts builds it (production), copied from out/controls/MailboxHealth
 *              so that a later build of the control does not change what a running page loads
 *   playground.js   the page (playground/src, TypeScript) bundled with the webpack and ts-loader that
 *              pcf-scripts installs; React is the page's global, as for the control
 *
 *   node playground/build.js [--skip-control]
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "out", "playground");
const CONTROL_OUT = path.join(ROOT, "out", "controls", "MailboxHealth");

function buildControl() {
  const started = Date.now();
  // pcf-scripts exits 0 even when the build fails: only "[build] Succeeded" counts.
  const result = spawnSync(
    process.execPath,
    [require.resolve("pcf-scripts/bin/pcf-scripts.js"), "build", "--buildMode", "production", "--skipBuildLinting", "true", "--noColor"],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: "true" }, maxBuffer: 64 * 1024 * 1024 },
  );
  const output = `${result.stdout || ""}${result.stderr || ""}`;
  if (result.status !== 0 || !/\[build\] Succeeded/.test(output)) {
    process.stderr.write(output);
    throw new Error("the control's build failed (no [build] Succeeded)");
  }
  const target = path.join(OUT, "control");
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(path.join(target, "strings"), { recursive: true });
  for (const file of ["bundle.js", "ControlManifest.xml"]) fs.copyFileSync(path.join(CONTROL_OUT, file), path.join(target, file));
  for (const file of fs.readdirSync(path.join(CONTROL_OUT, "strings"))) {
    if (file.endsWith(".resx")) fs.copyFileSync(path.join(CONTROL_OUT, "strings", file), path.join(target, "strings", file));
  }
  console.log(`control built (production) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function buildPage() {
  const started = Date.now();
  const webpack = require("webpack");
  const config = {
    mode: "development",
    devtool: "source-map",
    context: ROOT,
    entry: path.join(__dirname, "src", "main.tsx"),
    output: { path: OUT, filename: "playground.js" },
    target: ["web", "es2020"],
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [{ test: /\.tsx?$/, loader: "ts-loader", options: { configFile: path.join(__dirname, "tsconfig.json") } }],
    },
    // One React on the page, the platform library's, shared with the control.
    externals: { react: "React", "react-dom": "ReactDOM" },
    performance: { hints: false },
    infrastructureLogging: { level: "error" },
  };
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) {
        process.stderr.write(stats.toString({ all: false, errors: true, colors: false }) + "\n");
        return reject(new Error("the page's build failed"));
      }
      console.log(`page built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve();
    });
  });
}

async function build(options = {}) {
  fs.mkdirSync(OUT, { recursive: true });
  if (!options.skipControl) buildControl();
  else if (!fs.existsSync(path.join(OUT, "control", "bundle.js"))) throw new Error("--skip-control: the control has not been built yet");
  await buildPage();
}

module.exports = { build };

if (require.main === module) {
  build({ skipControl: process.argv.includes("--skip-control") }).catch((e) => {
    console.error(`playground build: ${e && e.message ? e.message : e}`);
    process.exit(1);
  });
}
