/**
 * @jest-environment node
 */
/**
 * The npm package (`npm pack`, what `npx mailbox-health` installs): the command line with only what it
 * runs. Its files are read from `npm pack --dry-run --json`, the modules the command line requires are
 * followed from bin/mailbox-health.js over that list, and the packed tarball is then run as npm installs
 * it: next to its production dependencies only (those of package-lock.json), without React, Fluent UI or
 * any dev dependency. No network: npm packs offline and the scan reads the local Dataverse test server.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { TEST_TOKEN, startDataverseServer } from "../support/dataverseServer";
import type { Json, Result } from "./helpers";
import { NOW, ROOT, demoDump, ensureBuilt, runBin, tempDir } from "./helpers";
import { cliResxPath, controlResxPath, demoDumpPath } from "../../cli/paths";
import { LANGUAGES } from "../../cli/strings";

const BIN = "bin/mailbox-health.js";
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));

/** Platform libraries of the control and build or test tools: never something the package installs. */
const NOT_FOR_THE_PACKAGE = /^(react|react-dom|@fluentui\/.*|@types\/.*|pcf-scripts|pcf-start|typescript|jest|ts-jest|eslint|@testing-library\/.*|playwright-core)$/;

/** npm itself, as `npm test` runs it (npm_execpath), else the npm on the PATH. */
function npm(args: string[], cwd = ROOT): string {
  const execPath = process.env.npm_execpath;
  const [command, prefix]: [string, string[]] = execPath && /npm-cli\.js$/.test(execPath) ? [process.execPath, [execPath]] : ["npm", []];
  const r = spawnSync(command, [...prefix, ...args, "--ignore-scripts", "--offline", "--json"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false", npm_config_loglevel: "error" },
  });
  if (r.status !== 0) throw new Error(`npm ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

interface Packed {
  filename: string;
  unpackedSize: number;
  files: { path: string }[];
}

/** A package name of a bare module specifier ("@azure/identity/x" → "@azure/identity"). */
const packageName = (specifier: string): string => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");
const isBuiltin = (specifier: string): boolean => specifier.startsWith("node:") || builtinModules.includes(packageName(specifier));

interface Graph {
  /** Packed modules reached from the bin. */
  modules: Set<string>;
  /** Packages required by name (not Node.js built-ins), with the module that requires each. */
  external: Map<string, string>;
  /** Relative requires that no packed file answers. */
  missing: string[];
}

/** Follows every `require("…")` from the bin over the packed files (lazy ones too: the sign-in methods). */
function requireGraph(packed: Set<string>, root: string): Graph {
  const graph: Graph = { modules: new Set(), external: new Map(), missing: [] };
  const queue = [BIN];
  while (queue.length) {
    const file = queue.pop()!;
    if (graph.modules.has(file)) continue;
    graph.modules.add(file);
    const source = fs.readFileSync(path.join(root, file), "utf8");
    for (const [, specifier] of source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
      if (specifier.startsWith(".")) {
        const base = path.posix.join(path.posix.dirname(file), specifier);
        const found = [base, `${base}.js`, `${base}.json`, `${base}/index.js`].find((candidate) => packed.has(candidate));
        if (found) queue.push(found);
        else graph.missing.push(`${file} requires ${specifier}`);
      } else if (!isBuiltin(specifier)) graph.external.set(packageName(specifier), file);
    }
  }
  return graph;
}

/** The packages `npm install` of this package brings: the lockfile's entries outside the dev tree. */
function productionPackages(): Map<string, Json> {
  const found = new Map<string, Json>();
  for (const [key, entry] of Object.entries(lock.packages as Record<string, Json>)) {
    if (key === "" || entry.dev || entry.devOptional || entry.link) continue;
    found.set(key, entry);
  }
  return found;
}
const nameOf = (lockKey: string): string => lockKey.slice(lockKey.lastIndexOf("node_modules/") + "node_modules/".length);

let packed: Packed;
let files: Set<string>;
let graph: Graph;

beforeAll(() => {
  ensureBuilt();
  [packed] = JSON.parse(npm(["pack", "--dry-run"]));
  files = new Set(packed.files.map((f) => f.path));
  graph = requireGraph(files, ROOT);
}, 180_000);

describe("the package holds what the command line runs", () => {
  it("every module the command line requires, from the bin on, is in the package", () => {
    expect(graph.missing).toEqual([]);
    expect(graph.modules).toContain("dist/cli/main.js");
    // The sign-in methods are required lazily: the walk reaches them too.
    expect(graph.modules).toContain("dist/cli/auth/tokenSource.js");
  });

  it("every file the command line reads is in the package: its strings in each language, the demo org, its version", () => {
    const relative = (file: string): string => path.relative(ROOT, file).split(path.sep).join("/");
    const read = ["package.json", relative(demoDumpPath())];
    for (const lcid of Object.values(LANGUAGES)) read.push(relative(controlResxPath(lcid)), relative(cliResxPath(lcid)));
    expect(read.filter((file) => !files.has(file))).toEqual([]);
  });

  it("every doc or demo file the command line's texts name is in the package", () => {
    const texts = [...files].filter((file) => file.endsWith(".resx")).map((file) => fs.readFileSync(path.join(ROOT, file), "utf8"));
    const named = new Set(texts.flatMap((text) => [...text.matchAll(/\b(?:docs|demo)\/[\w-]+\.(?:md|json)\b/g)].map((m) => m[0])));
    expect(named.size).toBeGreaterThan(0);
    expect([...named].filter((doc) => !files.has(doc))).toEqual([]);
  });

  it("no control UI, no sources, no tests, no React or Fluent UI: a compiled module nobody requires is type-only", () => {
    const foreign = [...files].filter(
      (file) =>
        /(^|\/)(test|tests|playground|scripts|components|generated|out|Solution)\//.test(file) ||
        /\.(tsx?|jsx|map|test\.js)$/.test(file) ||
        /react|fluent/i.test(file) ||
        /^dist\/MailboxHealth\/index\.js$|ControlManifest/.test(file),
    );
    expect(foreign).toEqual([]);
    // tsc also emits the modules imported only for their types; such a module holds no code. A compiled
    // module whose source is gone is a leftover of an older build, which `npm pack` removes (prepack).
    const unused = [...files].filter((file) => file.endsWith(".js") && !graph.modules.has(file) && fs.existsSync(path.join(ROOT, file.replace(/^dist\//, "").replace(/\.js$/, ".ts"))));
    const code = (file: string): string =>
      fs
        .readFileSync(path.join(ROOT, file), "utf8")
        .replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, "")
        .replace(/"use strict";|Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);/g, "")
        .trim();
    expect(unused.filter((file) => code(file) !== "")).toEqual([]);
  });

  it("stays small: under 1 MB unpacked", () => {
    expect(packed.unpackedSize).toBeLessThan(1_000_000);
  });
});

describe("package.json: the package depends only on what the command line runs", () => {
  it("its dependencies are exactly the packages the command line requires, each pinned to one version", () => {
    expect(Object.keys(manifest.dependencies ?? {}).sort()).toEqual([...graph.external.keys()].sort());
    for (const [name, version] of Object.entries(manifest.dependencies as Record<string, string>)) expect(`${name}@${version}`).toMatch(/@\d+\.\d+\.\d+$/);
  });

  it("no React, Fluent UI, pcf-scripts, types, build or test tool among the dependencies (they are devDependencies)", () => {
    const installed = { ...manifest.dependencies, ...manifest.peerDependencies, ...manifest.optionalDependencies };
    expect(Object.keys(installed).filter((name) => NOT_FOR_THE_PACKAGE.test(name))).toEqual([]);
    for (const name of ["react", "react-dom", "@fluentui/react", "pcf-scripts"]) expect(manifest.devDependencies).toHaveProperty([name]);
    expect(manifest.bundleDependencies ?? manifest.bundledDependencies).toBeUndefined();
  });

  it("installing it runs nothing: no preinstall, install or postinstall script (npm never runs prepare of a registry or tarball package)", () => {
    expect(Object.keys(manifest.scripts).filter((name) => /^(pre|post)?install$/.test(name))).toEqual([]);
    expect(manifest.scripts.prepack).toBeDefined();
    expect(manifest.bin).toEqual({ "mailbox-health": BIN });
    expect(manifest.private).toBeUndefined();
  });

  it("the lockfile agrees, and nothing it installs for the package is React, Fluent UI or has an install script", () => {
    expect(lock.packages[""].dependencies).toEqual(manifest.dependencies);
    const production = productionPackages();
    const names = [...production.keys()].map(nameOf);
    expect(names).toContain("@azure/identity");
    expect(names.filter((name) => NOT_FOR_THE_PACKAGE.test(name))).toEqual([]);
    expect([...production].filter(([, entry]) => entry.hasInstallScript).map(([key]) => key)).toEqual([]);
  });

  it("every install script in the whole tree (dev tools included) is denied in allowScripts", () => {
    const withScripts = Object.entries(lock.packages as Record<string, Json>).filter(([, entry]) => entry.hasInstallScript).map(([key]) => nameOf(key));
    expect(withScripts.filter((name) => manifest.allowScripts?.[name] !== false)).toEqual([]);
  });
});

describe("the packed tarball, installed with only its production dependencies, runs every command", () => {
  let home: string;
  let pkg: string;
  let productionRoots: string[];
  let runs = 0;

  beforeAll(() => {
    home = fs.mkdtempSync(path.join(tempDir(), "installed-"));
    const [tarball] = JSON.parse(npm(["pack", "--pack-destination", home])) as Packed[];
    const modules = path.join(home, "node_modules");
    pkg = path.join(modules, "mailbox-health");
    fs.mkdirSync(pkg, { recursive: true });
    const untar = spawnSync("tar", ["-xzf", path.join(home, tarball.filename), "-C", pkg, "--strip-components=1"], { encoding: "utf8" });
    if (untar.status !== 0) throw new Error(`tar: ${untar.stderr}`);
    // What npm installs next to it: the production packages of the lockfile (hoisted ones; nested ones
    // come inside their parent's folder).
    for (const key of productionPackages().keys()) {
      if (key.lastIndexOf("node_modules/") !== 0) continue;
      const target = path.join(modules, nameOf(key));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.symlinkSync(path.join(ROOT, key), target, "dir");
    }
    productionRoots = [...productionPackages().keys()].map((key) => fs.realpathSync(path.join(ROOT, key)) + path.sep);
    fs.writeFileSync(
      path.join(home, "record-loaded.js"),
      'process.on("exit", () => require("fs").writeFileSync(process.env.MH_LOADED, JSON.stringify(Object.keys(require.cache))));\n',
    );
  }, 180_000);
  // The links to the clone's packages are removed, never followed.
  afterAll(() => home && fs.rmSync(home, { recursive: true, force: true }));

  /** Runs the installed package's bin, and returns with its output every module Node.js loaded for it. */
  function runInstalled(args: string[], env: Record<string, string> = {}): Promise<Result & { loaded: string[] }> {
    const record = path.join(home, `loaded-${++runs}.json`);
    const base = { ...process.env };
    for (const name of ["NO_COLOR", "FORCE_COLOR", "NODE_PATH", "NODE_OPTIONS"]) delete base[name];
    const child = spawn(process.execPath, ["-r", path.join(home, "record-loaded.js"), path.join(pkg, BIN), ...args], {
      cwd: pkg,
      env: { ...base, TZ: "UTC", MH_LOADED: record, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    return new Promise((resolve) =>
      child.on("close", (status) => resolve({ status, stdout, stderr, loaded: JSON.parse(fs.readFileSync(record, "utf8")) })),
    );
  }

  /** The modules a run loaded that are neither packed files nor production packages; and the @azure ones. */
  function loadedFrom(run: { loaded: string[] }): { foreign: string[]; azure: string[] } {
    const foreign = run.loaded.filter((file) => {
      if (file === path.join(home, "record-loaded.js")) return false;
      if (file.startsWith(pkg + path.sep)) return !files.has(path.relative(pkg, file).split(path.sep).join("/"));
      return !productionRoots.some((root) => file.startsWith(root));
    });
    return { foreign, azure: run.loaded.filter((file) => /[\\/]@azure[\\/]/.test(file)) };
  }
  const noAzure = { foreign: [], azure: [] };

  it("has no React or Fluent UI within reach, and its one dependency where npm puts it", () => {
    const resolves = (name: string): boolean =>
      spawnSync(process.execPath, ["-e", `require.resolve(${JSON.stringify(name)})`], { cwd: pkg, env: { ...process.env, NODE_PATH: "" } }).status === 0;
    expect(["react", "react-dom", "@fluentui/react", "typescript"].filter(resolves)).toEqual([]);
    expect(resolves("@azure/identity")).toBe(true);
  });

  const demoRuns: [string, string[]][] = [
    ["table", []],
    ["json", ["--format", "json"]],
    ["markdown", ["--format", "markdown"]],
    ["table in Czech", ["--lang", "cs"]],
    ["json in Czech", ["--format", "json", "--lang", "cs"]],
    ["markdown in Czech", ["--format", "markdown", "--lang", "cs"]],
  ];
  it.each(demoRuns)("diagnose --demo, %s: the output and exit status of the clone's command line, without loading @azure/identity", async (_, extra) => {
    const args = ["diagnose", "--demo", ...extra];
    const installed = await runInstalled(args);
    expect(installed.stdout.length).toBeGreaterThan(1000);
    expect({ status: installed.status, stdout: installed.stdout, stderr: installed.stderr }).toEqual(runBin(args));
    expect(loadedFrom(installed)).toEqual(noAzure);
  });

  it("diagnose on a dump file, --help, scan --help and --version: as in the clone", async () => {
    const file = path.join(home, "org-dump.json");
    fs.writeFileSync(file, JSON.stringify(demoDump()));
    for (const args of [["diagnose", file, "--now", NOW, "--format", "json"], ["--help"], ["scan", "--help"], ["--version"]]) {
      const installed = await runInstalled(args);
      expect({ args, status: installed.status, stdout: installed.stdout, stderr: installed.stderr }).toEqual({ args, ...runBin(args) });
      expect(loadedFrom(installed)).toEqual(noAzure);
    }
  });

  it("scan refuses an http:// URL to a host that is not the loopback, as in the clone: exit 2, nothing on stdout", async () => {
    const args = ["scan", "http://contoso.crm4.dynamics.com"];
    const env = { MAILBOX_HEALTH_ACCESS_TOKEN: TEST_TOKEN };
    const installed = await runInstalled(args, env);
    expect({ status: installed.status, stdout: installed.stdout }).toEqual({ status: 2, stdout: "" });
    expect(installed.stderr).toBe(runBin(args, env).stderr);
    expect(loadedFrom(installed).foreign).toEqual([]);
  });

  it("scan of the Dataverse test server (token in MAILBOX_HEALTH_ACCESS_TOKEN) finds what diagnose finds, --save-dump re-diagnoses identically, and no @azure module is loaded", async () => {
    const server = await startDataverseServer({ dump: demoDump(), pageSize: 5 });
    try {
      const saved = path.join(home, "saved-dump.json");
      const scanned = await runInstalled(["scan", server.url, "--format", "json", "--now", NOW, "--alerts-since", "all", "--save-dump", saved], {
        MAILBOX_HEALTH_ACCESS_TOKEN: TEST_TOKEN,
      });
      expect(scanned.stderr).toBe("");
      const diagnosed = await runInstalled(["diagnose", "--demo", "--format", "json", "--now", NOW]);
      const again = await runInstalled(["diagnose", saved, "--format", "json", "--now", NOW]);
      expect(scanned.status).toBe(diagnosed.status);
      expect(JSON.parse(scanned.stdout).mailboxes).toEqual(JSON.parse(diagnosed.stdout).mailboxes);
      expect(JSON.parse(again.stdout).mailboxes).toEqual(JSON.parse(scanned.stdout).mailboxes);
      expect(server.violations()).toEqual([]);
      expect(loadedFrom(scanned)).toEqual(noAzure);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
