/** @jest-environment node */
/**
 * A report to stdout redirected to a file is written to the file descriptor at once, reusing one chunk
 * (cli/stream.ts), and `--output` writes the file the same way: both give the bytes a pipe gets, in every
 * format, for a report of many chunks.
 */
import * as fs from "fs";
import * as path from "path";
import { spawnSync } from "child_process";
import { BIN, NOW, ensureBuilt, runBin, tempDir, writeTemp } from "./helpers";
import type { Json } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeDump } = require("../../scripts/bench-dump.js") as { makeDump: (mailboxes: number, alerts?: number) => Json };

beforeAll(() => ensureBuilt(), 120_000);

/** The bin's stdout when it is a file. */
function toFile(args: string[], file: string): number | null {
  const fd = fs.openSync(file, "w");
  try {
    return spawnSync(process.execPath, [BIN, ...args], { stdio: ["ignore", fd, "pipe"], env: { ...process.env, TZ: "UTC" } }).status;
  } finally {
    fs.closeSync(fd);
  }
}

describe("a report to a file", () => {
  const dump = writeTemp("stdout-file.json", makeDump(300, 5));

  it.each([["json"], ["markdown"], ["table"]])("%s: stdout to a file and --output are the bytes a pipe gets", (format) => {
    const args = ["diagnose", dump, "--format", format, "--now", NOW];
    const piped = spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, TZ: "UTC" }, maxBuffer: 256 * 1024 * 1024 });
    expect(piped.status).toBe(1);
    if (format === "json") expect(piped.stdout.length).toBeGreaterThan(4 * 64 * 1024);
    const redirected = path.join(tempDir(), `stdout.${format}`);
    expect(toFile(args, redirected)).toBe(1);
    expect(fs.readFileSync(redirected).equals(piped.stdout)).toBe(true);
    const output = path.join(tempDir(), `output.${format}`);
    expect(runBin([...args, "--output", output]).status).toBe(1);
    expect(fs.readFileSync(output).equals(piped.stdout)).toBe(true);
  }, 60_000);
});
