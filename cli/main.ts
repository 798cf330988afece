import type { Args, DiagnoseArgs } from "./args";
import { parseArgs, languageOf } from "./args";
import { eachDiagnosis, mailboxIdsOf, selectMailboxes } from "./diagnoseDump";
import { readDump } from "./dump";
import { unreadableTablesOf } from "./unreadableTables";
import { CliError, Exit } from "./errors";
import { clean } from "./format/text";
import { DEMO_REFERENCE_DATE, demoDumpPath, packageRoot, packageVersion } from "./paths";
import type { ReportJob } from "./stream";
import { ChunkWriter, writeReport, writeToFile } from "./stream";
import { localizerFor } from "./strings";
import type { ScanDeps } from "./scan/command";
import { scan } from "./scan/command";
import { relative } from "path";
import { parseIsoInstant } from "../MailboxHealth/data/isoDate";

/** `mailbox-health`: the control's diagnosis for every mailbox of an org dump (docs/cli.md). */

export const PROGRAM = "mailbox-health";

export interface Output {
  write(text: string): unknown;
  /** Streams that ask to wait (write returned false) say when they can take more. */
  once?(event: "drain", listener: () => void): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  /** `scan`'s boundaries (HTTP, identity library), replaced in tests. */
  scan?: ScanDeps;
}

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function useColor(io: Io): boolean {
  return !!io.stdout.isTTY && !io.env.NO_COLOR;
}

/** The terminal's width when there is one, else 80. */
export function widthOf(io: Io): number {
  const columns = io.stdout.isTTY ? io.stdout.columns : undefined;
  return typeof columns === "number" && columns >= 60 ? Math.min(columns, 160) : 80;
}

/**
 * Writes a report to stdout, or with `--output` to that file (never over one of `inputs`). Resolves to
 * the exit status. Shared by `diagnose` and `scan`.
 */
export async function deliver(job: Omit<ReportJob, "width" | "color">, output: string | null, inputs: readonly string[], io: Io): Promise<number> {
  if (output === null) return writeReport({ ...job, width: widthOf(io), color: useColor(io) }, new ChunkWriter(io.stdout));
  // A file is not a terminal: 80 columns, no colour.
  return writeToFile(output, inputs, (out) => writeReport({ ...job, width: 80, color: false }, new ChunkWriter(out)));
}

/** The dump's `readAt` (written by `scan --save-dump`): when the org was read. */
function readAtOf(dump: object, shownAs: string): Date | null {
  const value = (dump as { readAt?: unknown }).readAt;
  if (value === undefined || value === null) return null;
  const date = typeof value === "string" ? parseIsoInstant(value) : null;
  if (!date) throw new CliError("Cli_Error_BadReadAt", { file: shownAs });
  return date;
}

async function diagnose(args: DiagnoseArgs, io: Io): Promise<number> {
  const path = args.demo ? demoDumpPath() : args.file!;
  const shownAs = args.demo ? relative(process.cwd(), path) || path : args.file!;
  const dump = readDump(path, shownAs);
  const readAt = readAtOf(dump, shownAs);
  // A dump is judged as of when it was read, so that a dump diagnosed a week later still shows what it held.
  const now = args.now ?? readAt ?? (args.demo ? new Date(DEMO_REFERENCE_DATE) : new Date());
  const options = { now, select: args.mailboxes, shownAs };
  // A usage error (an unknown --mailbox) is thrown here, before any output: the JSON's head may be long
  // enough to leave at once.
  selectMailboxes(dump, mailboxIdsOf(dump), args.mailboxes, shownAs);
  const job = {
    diagnoses: () => eachDiagnosis(dump, options),
    format: args.format,
    localizer: localizerFor(args.lang),
    language: args.lang,
    source: { kind: "dump" as const, name: shownAs, readAt, unreadable: unreadableTablesOf(dump) },
    now,
    only: args.only,
  };
  return deliver(job, args.output, [path], io);
}

function help(args: Args, io: Io): number {
  io.stdout.write(localizerFor(args.lang).text("Cli_Help", { program: PROGRAM, version: packageVersion() }).replace(/\s*$/, "\n"));
  return Exit.Ok;
}

/** Runs the command line; resolves to the exit status. Writes nothing to stdout when it fails. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === "help") return help(args, io);
    if (args.command === "version") {
      io.stdout.write(`${packageVersion()}\n`);
      return Exit.Ok;
    }
    if (args.command === "scan") return await scan(args, io, io.scan);
    return await diagnose(args, io);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    const l = localizerFor(languageOf(argv));
    // Messages name the file and what is wrong; a value from the input (a mailbox id) is shown visibly.
    io.stderr.write(`${PROGRAM}: ${clean(l.message(e.text))}\n`);
    return Exit.Error;
  }
}

/** Entry point of bin/mailbox-health.js. */
export function main(): void {
  packageRoot();
  // A reader that stops early (`| head`) closes the pipe: that is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
  const io: Io = { stdout: process.stdout, stderr: process.stderr, env: process.env };
  run(process.argv.slice(2), io).then(
    (status) => {
      process.exitCode = status;
    },
    (e: unknown) => {
      process.stderr.write(clean(`${PROGRAM}: ${e instanceof Error ? e.message : String(e)}`) + "\n");
      process.exitCode = Exit.Error;
    },
  );
}
