#!/usr/bin/env node
"use strict";
/**
 * npm run harness: Microsoft's PCF test harness (pcf-start, as `pcf-scripts start` runs it) with no
 * internet. The harness's page loads React and ReactDOM 16.14.0 from https://unpkg.com; everything else
 * (its own code, Fluent 8.121.1, the control) it serves itself. So this starts pcf-start unchanged on a
 * copy of the built control, and in front of it a small proxy on 127.0.0.1 that passes every request
 * through to pcf-start, except that in the harness's page those two script addresses point to the
 * proxy, which answers them from node_modules/react/umd and node_modules/react-dom/umd. Nothing in
 * node_modules is changed.
 *
 *   node scripts/harness.js [--no-build] [--port N]
 *       builds the control (pcf-scripts build, development, as pcf-scripts start does; --no-build: use
 *       out/controls/MailboxHealth as it is), starts the harness and prints the address to open
 *       (the proxy: $PORT, --port, 8182, else a free port). Ctrl+C stops both.
 *   require("./scripts/harness").start({ port: 0 })   the same from a test; resolves to
 *       { url, harnessUrl, close() }.
 *
 * pcf-start always asks for port 8181; when that is taken, its server (browser-sync) takes the next
 * free one and prints it, and this reads it from there.
 */
const fs = require("fs");
const http = require("http");
const net = require("net");
const path = require("path");
const { spawn, spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const CONTROL_OUT = path.join(ROOT, "out", "controls", "MailboxHealth");
/** What pcf-start serves: a copy, so that a later build does not make the harness reload mid-test. */
const HARNESS_OUT = path.join(ROOT, "out", "harness", "MailboxHealth");
const NODE_MODULES = path.join(ROOT, "node_modules");
const PCF_START = path.join(NODE_MODULES, "pcf-start", "bin", "pcf-start.js");
const DEFAULT_PORT = 8182;
const START_TIMEOUT_MS = 30000;

const REACT_VERSION = "16.14.0";
/** The harness page's CDN scripts → the same files from node_modules, under /unpkg/ on the proxy. */
const CDN = /https:\/\/unpkg\.com\/(react|react-dom)@16\.14\.0\/umd\/([\w.-]+\.js)/g;
const LOCAL = /^\/unpkg\/(react|react-dom)@16\.14\.0\/umd\/([\w.-]+\.js)$/;

function pcfStartVersion() {
  return JSON.parse(fs.readFileSync(path.join(NODE_MODULES, "pcf-start", "package.json"), "utf8")).version;
}

/** pcf-scripts build (development, as `pcf-scripts start` builds); it exits 0 on failure, so check its output. */
function buildControl() {
  const result = spawnSync(process.execPath, [require.resolve("pcf-scripts/bin/pcf-scripts.js", { paths: [ROOT] }), "build", "--noColor"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: "true" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout || ""}${result.stderr || ""}`;
  if (result.status !== 0 || !/\[build\] Succeeded/.test(output)) {
    process.stderr.write(output);
    throw new Error("the control's build failed (no [build] Succeeded)");
  }
}

function copyControl() {
  if (!fs.existsSync(path.join(CONTROL_OUT, "bundle.js"))) {
    throw new Error(`the control is not built (${path.relative(ROOT, CONTROL_OUT)}/bundle.js missing): run npm run build`);
  }
  fs.rmSync(HARNESS_OUT, { recursive: true, force: true });
  fs.cpSync(CONTROL_OUT, HARNESS_OUT, { recursive: true });
}

/** The React files the page asks unpkg for, checked against the installed versions. */
function localFile(pkg, file) {
  const dir = path.join(NODE_MODULES, pkg);
  const version = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  if (version !== REACT_VERSION) throw new Error(`node_modules/${pkg} is ${version}, the harness asks for ${REACT_VERSION}`);
  const target = path.join(dir, "umd", file);
  return path.dirname(target) === path.join(dir, "umd") ? target : undefined;
}

/** Starts pcf-start on `codePath` in its own process group; resolves once it prints where it listens. */
function startPcfStart(codePath) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PCF_START, "--codePath", codePath], {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: "true", NO_COLOR: "1", FORCE_COLOR: "0" },
    });
    let output = "";
    const timer = setTimeout(() => fail(new Error(`pcf-start did not say where it listens within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const stop = () => {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    };
    function fail(e) {
      clearTimeout(timer);
      stop();
      reject(e);
    }
    const onData = (chunk) => {
      output += chunk.toString();
      // eslint-disable-next-line no-control-regex
      const m = /Local:\s+(https?:\/\/[^\s]+)/.exec(output.replace(/\u001b\[[0-9;]*m/g, ""));
      if (m) {
        clearTimeout(timer);
        const port = Number(new URL(m[1]).port);
        resolve({ child, port, stop, output: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => fail(new Error(`pcf-start exited (${code}) before it listened:\n${output}`)));
  });
}

function send(res, status, body, type) {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(body);
}

/** The proxy in front of pcf-start. */
function createProxy(upstreamPort) {
  const upstream = (req, headers = {}) =>
    http.request({ host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url, headers: { ...req.headers, ...headers, host: `127.0.0.1:${upstreamPort}` } });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const local = LOCAL.exec(url.pathname);
    if (local) {
      const file = localFile(local[1], local[2]);
      if (!file || !fs.existsSync(file)) return send(res, 404, "Not found\n", "text/plain; charset=utf-8");
      return send(res, 200, fs.readFileSync(file), "text/javascript; charset=utf-8");
    }
    const page = req.method === "GET" && (url.pathname === "/" || url.pathname === "/index.html");
    const out = upstream(req, page ? { "accept-encoding": "identity" } : {});
    out.on("response", (answer) => {
      if (!page || !/text\/html/.test(String(answer.headers["content-type"]))) {
        res.writeHead(answer.statusCode || 502, answer.headers);
        answer.pipe(res);
        return;
      }
      const chunks = [];
      answer.on("data", (c) => chunks.push(c));
      answer.on("end", () => {
        const html = Buffer.concat(chunks).toString("utf8").replace(CDN, (all, pkg, file) => `/unpkg/${pkg}@${REACT_VERSION}/umd/${file}`);
        const headers = { ...answer.headers, "content-length": Buffer.byteLength(html), "cache-control": "no-store" };
        delete headers["content-encoding"];
        delete headers["transfer-encoding"];
        res.writeHead(answer.statusCode || 200, headers);
        res.end(html);
      });
    });
    out.on("error", () => {
      if (!res.headersSent) send(res, 502, "The harness (pcf-start) did not answer\n", "text/plain; charset=utf-8");
      else res.destroy();
    });
    req.pipe(out);
  });

  // browser-sync's live-reload socket (a WebSocket) goes through as it is.
  server.on("upgrade", (req, socket, head) => {
    const target = net.connect(upstreamPort, "127.0.0.1", () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      target.write(lines.join("\r\n") + "\r\n\r\n");
      if (head && head.length) target.write(head);
      target.pipe(socket);
      socket.pipe(target);
    });
    target.on("error", () => socket.destroy());
    socket.on("error", () => target.destroy());
  });
  return server;
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/**
 * Starts pcf-start on a copy of out/controls/MailboxHealth and the proxy in front of it.
 * `port`: the proxy's port (0: a free one); without it $PORT, else 8182, else a free one.
 */
async function start(options = {}) {
  copyControl();
  const harness = await startPcfStart(HARNESS_OUT);
  const server = createProxy(harness.port);
  server.keepAliveTimeout = 1000;
  try {
    if (options.port !== undefined) await listen(server, options.port);
    else if (process.env.PORT) await listen(server, Number(process.env.PORT));
    else await listen(server, DEFAULT_PORT).catch((e) => (e && e.code === "EADDRINUSE" ? listen(server, 0) : Promise.reject(e)));
  } catch (e) {
    harness.stop();
    throw e;
  }
  const url = `http://127.0.0.1:${server.address().port}/`;
  let closed;
  const close = () =>
    (closed ??= new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
      harness.stop();
    }));
  return { url, harnessUrl: `http://127.0.0.1:${harness.port}/`, version: pcfStartVersion(), close, output: harness.output };
}

module.exports = { start, buildControl, pcfStartVersion, HARNESS_OUT };

if (require.main === module) {
  const args = process.argv.slice(2);
  const portArg = args.indexOf("--port");
  (async () => {
    if (!args.includes("--no-build")) {
      console.log("Building the control (pcf-scripts build, development)…");
      buildControl();
    }
    const { url, harnessUrl, version, close } = await start(portArg >= 0 ? { port: Number(args[portArg + 1]) } : {});
    console.log("");
    console.log(`Microsoft's PCF test harness (pcf-start ${version}), offline: ${url}`);
    console.log(`(pcf-start itself listens on ${harnessUrl}; open the address above, which answers its two unpkg.com requests from node_modules.)`);
    console.log("Its webAPI only raises an alert: use npm start to see the checks work. Ctrl+C stops it.");
    const stop = () => void close().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  })().catch((e) => {
    console.error(`npm run harness: ${e && e.message ? e.message : e}`);
    process.exit(1);
  });
}
