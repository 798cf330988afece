import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";

/**
 * Files the command line reads at run time, relative to the package root. The same code runs from the
 * TypeScript sources (tests) and compiled into dist/cli, so the root is found by walking up.
 */

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && existsSync(join(dir, "MailboxHealth", "strings"))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the mailbox-health package above ${__dirname}`);
    dir = parent;
  }
}

export const demoDumpPath = (): string => join(packageRoot(), "demo", "org-dump.json");

/**
 * The moment the demo org's dates are written against (demo/README.md). `--demo` judges the time-based
 * checks as of this moment unless `--now` says otherwise, so the demo gives the same answer every day.
 */
export const DEMO_REFERENCE_DATE = "2026-11-20T09:00:00Z";

/** The control's strings (MailboxHealth/strings) and the command line's own (cli/strings). */
export const controlResxPath = (lcid: number): string => join(packageRoot(), "MailboxHealth", "strings", `MailboxHealth.${lcid}.resx`);
export const cliResxPath = (lcid: number): string => join(packageRoot(), "cli", "strings", `Cli.${lcid}.resx`);

export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version?: unknown };
  return typeof manifest.version === "string" ? manifest.version : "0.0.0";
}
