#!/usr/bin/env node
"use strict";
/**
 * Serves the playground on 127.0.0.1: the page, its script, the built control, the demo org, and the
 * platform libraries from node_modules. Nothing is loaded from the internet. Only the files listed
 * here can be read; everything else is a 404.
 *
 *   node playground/server.js            serves on $PORT, or 8180, or a free port
 *   require("./server").start({ port })   the same from a test (port 0: a free port)
 */
const fs = require("fs");
const http = require("http");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "out", "playground");
const DEFAULT_PORT = 8180;
const NODE_MODULES = path.join(ROOT, "node_modules");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".resx": "application/xml; charset=utf-8",
  ".woff": "font/woff",
};

const REACT_BUILDS = ["production", "development"];

/** URL path → file. Paths with a parameter are matched by the functions below. */
const FILES = {
  "/": path.join(__dirname, "index.html"),
  "/index.html": path.join(__dirname, "index.html"),
  "/playground.css": path.join(__dirname, "playground.css"),
  "/playground.js": path.join(OUT, "playground.js"),
  "/playground.js.map": path.join(OUT, "playground.js.map"),
  "/demo/org-dump.json": path.join(ROOT, "demo", "org-dump.json"),
  "/control/bundle.js": path.join(OUT, "control", "bundle.js"),
  "/control/ControlManifest.xml": path.join(OUT, "control", "ControlManifest.xml"),
  // The platform libraries the built control expects (globals Reactv16 and FluentUIReactv81211).
  "/vendor/react.production.js": path.join(NODE_MODULES, "react", "umd", "react.production.min.js"),
  "/vendor/react.development.js": path.join(NODE_MODULES, "react", "umd", "react.development.js"),
  "/vendor/react-dom.production.js": path.join(NODE_MODULES, "react-dom", "umd", "react-dom.production.min.js"),
  "/vendor/react-dom.development.js": path.join(NODE_MODULES, "react-dom", "umd", "react-dom.development.js"),
  "/vendor/fluent.js": path.join(NODE_MODULES, "pcf-start", "lib", "fluent_8_121_1.js"),
};

const PATTERNS = [
  // The control's resx files, as the platform serves them.
  [/^\/control\/strings\/(MailboxHealth\.\d{4}\.resx)$/, (m) => path.join(OUT, "control", "strings", m[1])],
  // The Fluent UI MDL2 icon font, which the Fluent library would otherwise fetch from a CDN.
  [
    /^\/vendor\/fluent-icons\/(fabric-icons(?:-\d+)?-[0-9a-f]+\.woff)$/,
    (m) => path.join(NODE_MODULES, "@fluentui", "font-icons-mdl2", "fonts", m[1]),
  ],
];

function resolveFile(pathname) {
  if (Object.prototype.hasOwnProperty.call(FILES, pathname)) return FILES[pathname];
  for (const [pattern, file] of PATTERNS) {
    const m = pattern.exec(pathname);
    if (m) return file(m);
  }
  return undefined;
}

/** The page, with the React build asked for (`?react=development` for React's warnings). */
function page(file, url) {
  const build = REACT_BUILDS.includes(url.searchParams.get("react")) ? url.searchParams.get("react") : "production";
  return fs.readFileSync(file, "utf8").replace(/\.production\.js"/g, `.${build}.js"`);
}

function send(res, status, body, type) {
  res.writeHead(status, {
    "Content-Type": type,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(res.req.method === "HEAD" ? undefined : body);
}

function handle(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.setHeader("Allow", "GET, HEAD");
    return send(res, 405, "Method not allowed\n", "text/plain; charset=utf-8");
  }
  let url;
  try {
    url = new URL(req.url, "http://127.0.0.1");
  } catch {
    return send(res, 400, "Bad request\n", "text/plain; charset=utf-8");
  }
  const file = resolveFile(url.pathname);
  if (!file) return send(res, 404, "Not found\n", "text/plain; charset=utf-8");
  let body;
  try {
    body = file.endsWith("index.html") ? page(file, url) : fs.readFileSync(file);
  } catch (e) {
    if (e && e.code === "ENOENT") {
      const hint = file.startsWith(OUT) ? "Not built yet: run npm run playground:build\n" : "Not found\n";
      return send(res, 404, hint, "text/plain; charset=utf-8");
    }
    return send(res, 500, "Could not read the file\n", "text/plain; charset=utf-8");
  }
  send(res, 200, body, TYPES[path.extname(file)] || "application/octet-stream");
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      server.off("listening", onListening);
      reject(e);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
}

/**
 * Starts the server. `port`: a number (0 = a free one); without it, $PORT, else 8180, else a free port.
 * Resolves to { server, url, close() }.
 */
async function start(options = {}) {
  const server = http.createServer(handle);
  server.keepAliveTimeout = 1000;
  if (options.port !== undefined) {
    await listen(server, options.port);
  } else if (process.env.PORT) {
    await listen(server, Number(process.env.PORT));
  } else {
    try {
      await listen(server, DEFAULT_PORT);
    } catch (e) {
      if (!e || e.code !== "EADDRINUSE") throw e;
      await listen(server, 0);
    }
  }
  const { port } = server.address();
  const url = `http://127.0.0.1:${port}/`;
  const close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return { server, url, close };
}

function missingBuild() {
  return ["playground.js", path.join("control", "bundle.js")].filter((f) => !fs.existsSync(path.join(OUT, f)));
}

module.exports = { start, resolveFile, missingBuild, OUT };

if (require.main === module) {
  const missing = missingBuild();
  if (missing.length) {
    console.error(`The playground is not built (${missing.join(", ")} missing): run npm run playground:build, or npm start.`);
    process.exit(1);
  }
  start().then(
    ({ url, close }) => {
      console.log(`MailboxHealth playground: ${url}`);
      console.log("Open it in a browser. Ctrl+C stops the server.");
      const stop = () => void close().then(() => process.exit(0));
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    },
    (e) => {
      console.error(`The playground server could not start: ${e && e.message ? e.message : e}`);
      process.exit(1);
    },
  );
}
