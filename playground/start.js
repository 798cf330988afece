#!/usr/bin/env node
"use strict";
/**
 * npm start: builds the control and the playground page, then serves them on 127.0.0.1 and prints
 * the URL. `--no-build` serves what was built last.
 */
const { build } = require("./build.js");
const { start } = require("./server.js");

async function main() {
  if (!process.argv.includes("--no-build")) {
    console.log("Building the control (production) and the playground page…");
    await build();
  }
  const { url, close } = await start();
  console.log("");
  console.log(`MailboxHealth playground: ${url}`);
  console.log("The real control on the demo org (demo/org-dump.json), no Dynamics 365 needed. Ctrl+C stops it.");
  const stop = () => void close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(`npm start: ${e && e.message ? e.message : e}`);
  process.exit(1);
});
