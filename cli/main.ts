import type { Args, DiagnoseArgs } from "./args";
import { parseArgs, languageOf } from "./args";
import { eachDiagnosis } from "./diagnoseDump";
import { readDump } from "./dump";
import { CliError, Exit } from "./errors";
import { markdownDetails, markdownHead } from "./format/markdown";
import type { MailboxLine } from "./format/summary";
import { lineOf } from "./format/summary";
import { tableDetails, tableHead } from "./format/table";
import { clean } from "./format/text";
import { DEMO_REFERENCE_DATE, demoDumpPath, packageRoot, packageVersion } from "./paths";
import { mailboxView } from "./report";
import { ChunkWriter, writeJsonReport } from "./stream";
import { localizerFor } from "./strings";
import type { ScanDeps } from "./scan/command";
import { scan } from "./scan/command";
import { relative } from "path";

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

async function diagnose(args: DiagnoseArgs, io: Io): Promise<number> {
  const path = args.demo ? demoDumpPath() : args.file!;
  const shownAs = args.demo ? relative(process.cwd(), path) || path : args.file!;
  const dump = readDump(path, shownAs);
  const now = args.now ?? (args.demo ? new Date(DEMO_REFERENCE_DATE) : new Date());
  const options = { now, select: args.mailboxes, shownAs };
  const localizer = localizerFor(args.lang);
  // A usage error (an unknown --mailbox) is thrown before the first mailbox comes: nothing is written then.
  const out = new ChunkWriter(io.stdout);
  if (args.format === "json") {
    return (await writeJsonReport(eachDiagnosis(dump, options), localizer, out)) ? Exit.Problem : Exit.Ok;
  }
  // The table and Markdown views start with one line a mailbox, then the details of each: a first pass
  // keeps only the lines, a second writes the details as each mailbox is diagnosed again.
  const lines: MailboxLine[] = [];
  for await (const d of eachDiagnosis(dump, options)) lines.push(lineOf(mailboxView(d, localizer)));
  if (args.format === "markdown") {
    const o = { localizer, source: shownAs, now };
    await out.lines(markdownHead(lines, o));
    if (lines.some((line) => line.actionable)) {
      for await (const d of eachDiagnosis(dump, options)) await out.lines(markdownDetails(mailboxView(d, localizer), o));
    }
  } else {
    const o = { localizer, source: shownAs, now, width: widthOf(io), color: useColor(io) };
    await out.lines(tableHead(lines, o));
    if (lines.some((line) => line.actionable)) {
      for await (const d of eachDiagnosis(dump, options)) await out.lines(tableDetails(mailboxView(d, localizer), o));
    }
  }
  await out.flush();
  return lines.some((line) => line.status === "problem") ? Exit.Problem : Exit.Ok;
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
