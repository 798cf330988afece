/**
 * Helpers for the command-line tests: the demo dump, dumps derived from it, an in-process run with a
 * fake terminal, and the real bin run as a child process (compiled into dist/ when missing or stale).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseArgs } from "../../cli/args";
import { CliError } from "../../cli/errors";
import type { Io } from "../../cli/main";
import { run } from "../../cli/main";

export const ROOT = path.join(__dirname, "../..");
export const BIN = path.join(ROOT, "bin", "mailbox-health.js");
export const DEMO = path.join(ROOT, "demo", "org-dump.json");
export const NOW = "2026-11-20T09:00:00Z";

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A fresh copy of the demo dump, to change for a test. */
export function demoDump(): Json {
  return JSON.parse(fs.readFileSync(DEMO, "utf8"));
}

export function demoMailbox(dump: Json, namePrefix: string): Json {
  const row = dump.mailboxes.find((m: Json) => typeof m.name === "string" && m.name.startsWith(namePrefix));
  if (!row) throw new Error(`no demo mailbox named ${namePrefix}…`);
  return row;
}

let tmp: string | undefined;
export function tempDir(): string {
  tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), "mailbox-health-"));
  return tmp;
}

/** Writes `content` (an object is written as JSON) to a temporary file and returns its path. */
export function writeTemp(name: string, content: unknown): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

export interface FakeTerminal {
  isTTY?: boolean;
  columns?: number;
  env?: Record<string, string | undefined>;
}

/** Runs the command in this process, with stdout and stderr captured. */
export async function runIn(argv: string[], terminal: FakeTerminal = {}): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t), isTTY: terminal.isTTY, columns: terminal.columns },
    stderr: { write: (t: string) => (stderr += t) },
    env: terminal.env ?? {},
  };
  const status = await run(argv, io);
  return { status, stdout, stderr };
}

export async function runJson(argv: string[]): Promise<{ status: number | null; report: Json }> {
  const r = await runIn([...argv, "--format", "json"]);
  if (r.stderr) throw new Error(r.stderr);
  return { status: r.status, report: JSON.parse(r.stdout) };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "components" && entry.name !== "generated" && entry.name !== "strings") newest = Math.max(newest, newestSource(p));
    } else if (entry.name.endsWith(".ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Compiles the command line into dist/ (as `npm ci` does) when it is missing or older than its sources. */
export function ensureBuilt(): void {
  const main = path.join(ROOT, "dist", "cli", "main.js");
  const built = fs.existsSync(main) ? fs.statSync(main).mtimeMs : 0;
  const sources = Math.max(newestSource(path.join(ROOT, "cli")), newestSource(path.join(ROOT, "MailboxHealth")));
  if (built >= sources) return;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(ROOT, "cli", "tsconfig.json")], {
    stdio: "pipe",
  });
}

/** Runs the real bin as a child process: not a terminal, UTC, no colour settings inherited. */
export function runBin(args: string[], env: Record<string, string> = {}, cwd: string = ROOT): Result {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...base, TZ: "UTC", ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The key of the error `parseArgs` throws for these arguments, or undefined when it accepts them. */
export function errorKey(argv: string[]): string | undefined {
  try {
    parseArgs(argv);
  } catch (e) {
    if (e instanceof CliError) return e.text.key;
    throw e;
  }
  return undefined;
}

/**
 * A value with every Date replaced by its time and ISO text, for comparisons that check types: the
 * command line's dates read from a dump are Dates of a class of their own (cli/rowFacts.ts).
 */
export function plainDates(value: unknown): unknown {
  if (value instanceof Date) return { date: value.getTime(), iso: Number.isNaN(value.getTime()) ? null : value.toISOString() };
  if (Array.isArray(value)) return value.map(plainDates);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = plainDates(v);
    return out;
  }
  return value;
}
