import { closeSync, fstatSync, openSync, renameSync, rmSync, statSync, writeSync } from "fs";
import { isatty } from "tty";
import { basename, dirname, join, resolve } from "path";
import type { Localizer } from "../MailboxHealth/i18n/localize";
import { Writable as NodeWritable } from "stream";
import type { Format, OnlyStatus } from "./args";
import { ONLY } from "./args";
import type { MailboxDiagnosis } from "./diagnoseDump";
import { oneLine } from "./dump";
import { CliError } from "./errors";
import { markdownDetails, markdownHead } from "./format/markdown";
import type { MailboxLine, ReportSource, ViewOptions } from "./format/summary";
import { Tally, lineOf } from "./format/summary";
import { tableDetails, tableHead } from "./format/table";
import { packageVersion } from "./paths";
import type { ReportMetadata, ReportSummary } from "./report";
import { MailboxJson } from "./jsonMailbox";
import { mailboxView } from "./report";

/**
 * Writing a report as it is made: text is gathered into chunks of about 64 KB and written one chunk at a
 * time, waiting for the output to drain when it asks to (a pipe to a slow reader). No report is ever one
 * string: a JSON report of 100,000 mailboxes is longer than the longest string V8 can make. `diagnose`
 * and `scan` both write through `writeReport`.
 */

export interface Writable {
  write(text: string): unknown;
  once?(event: "drain", listener: () => void): unknown;
  /** Writes UTF-8 bytes at once, and is done with them when it returns (a file written synchronously). */
  writeBytes?(bytes: Uint8Array): void;
}

const CHUNK = 64 * 1024;

/** All the bytes, to a file descriptor, synchronously. */
function writeAllSync(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * For a Node stream over a file (stdout redirected to a file or to /dev/null), which Node writes
 * synchronously: writing the bytes to its file descriptor at once, the same as the stream would, and
 * then done with them. Undefined for other outputs (a pipe, a terminal), and for a stream with writes
 * still pending.
 */
function fileWriterOf(out: Writable): ((bytes: Uint8Array) => void) | undefined {
  const fd = (out as { fd?: unknown }).fd;
  if (!(out instanceof NodeWritable) || typeof fd !== "number" || out.writableLength > 0) return undefined;
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() && !(stats.isCharacterDevice() && !isatty(fd))) return undefined;
  } catch {
    return undefined;
  }
  return (bytes) => writeAllSync(fd, bytes);
}

export class ChunkWriter {
  private parts: string[] = [];
  private size = 0;
  /** For a Node stream: the chunk as UTF-8 bytes, each text encoded into it as it comes (no joined string). */
  private readonly utf8: boolean;
  /**
   * An output that is done with the bytes when it returns: one chunk is then used again and again (a
   * new buffer for each chunk costs more than filling it: the collector frees each).
   */
  private readonly direct: ((bytes: Uint8Array) => void) | undefined;
  private chunk: Buffer | undefined;
  /** The output's drain, while a chunk sent without waiting (`text`, `bytes`) waits for it. */
  private waiting: Promise<void> | undefined;

  constructor(private readonly out: Writable) {
    this.direct = out.writeBytes ? (bytes) => out.writeBytes!(bytes) : fileWriterOf(out);
    this.utf8 = out instanceof NodeWritable || this.direct !== undefined;
  }

  /** A text; waits when the output asked to. */
  async write(text: string): Promise<void> {
    if (this.utf8) this.text(text);
    else {
      this.parts.push(text);
      this.size += text.length;
      if (this.size >= CHUNK) await this.flush();
    }
    if (this.waiting) await this.waiting;
  }

  /** Whether the output takes UTF-8 bytes (a Node stream): `text` and `bytes` below are for it only. */
  get takesBytes(): boolean {
    return this.utf8;
  }

  /**
   * A text as UTF-8 into the chunk (at most 3 bytes a UTF-16 code unit: a text that may not fit starts a
   * new chunk). A full chunk is sent at once, not waited for: `drained` says when the output asked to wait.
   */
  text(text: string): void {
    if (text.length === 0) return;
    if (3 * text.length > CHUNK) {
      this.sendChunk();
      this.sendNow(text);
      return;
    }
    let chunk = this.chunk;
    if (!chunk || this.size + 3 * text.length > chunk.length) chunk = this.nextChunk();
    this.size += chunk.write(text, this.size);
  }

  /** UTF-8 bytes, copied into the chunk (never kept: the caller may reuse them), as `text`. */
  bytes(bytes: Uint8Array): void {
    if (bytes.length > CHUNK) {
      this.sendChunk();
      this.sendNow(Buffer.from(bytes));
      return;
    }
    let chunk = this.chunk;
    if (!chunk || this.size + bytes.length > chunk.length) chunk = this.nextChunk();
    chunk.set(bytes, this.size);
    this.size += bytes.length;
  }

  /** Resolves when the output has drained, when a chunk sent by `text` or `bytes` asked to wait; else undefined. */
  drained(): Promise<void> | undefined {
    return this.waiting;
  }

  private nextChunk(): Buffer {
    this.sendChunk();
    return (this.chunk ??= Buffer.allocUnsafe(CHUNK));
  }

  /** Sends what the chunk holds; the chunk is kept for what comes next when the output is done with it at once. */
  private sendChunk(): void {
    if (this.size === 0) return;
    const chunk = this.chunk!.subarray(0, this.size);
    if (!this.direct) this.chunk = undefined;
    this.size = 0;
    this.sendNow(chunk);
  }

  private sendNow(chunk: string | Buffer): void {
    if (this.direct) {
      this.direct(typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk);
      return;
    }
    const ok = this.out.write(chunk as string);
    if (ok === false && this.out.once && !this.waiting) {
      this.waiting = new Promise<void>((resolve) =>
        this.out.once!("drain", () => {
          this.waiting = undefined;
          resolve();
        }),
      );
    }
  }

  async lines(lines: readonly string[]): Promise<void> {
    for (const line of lines) await this.write(line + "\n");
  }

  /** Sends what is gathered; waits when the output asked to. */
  async flush(): Promise<void> {
    if (this.chunk) this.sendChunk();
    else if (this.size > 0) {
      const text = this.parts.join("");
      this.parts = [];
      this.size = 0;
      this.sendNow(text);
    }
    if (this.waiting) await this.waiting;
  }
}

/** What a report is made of; the same for a dump (`diagnose`) and a live org (`scan`). */
export interface ReportJob {
  /** The diagnoses, in order. Called a second time by the table and Markdown views, for the details. */
  diagnoses: () => AsyncIterable<MailboxDiagnosis>;
  format: Format;
  localizer: Localizer;
  /** `--lang`, as the JSON's metadata gives it. */
  language: string;
  source: ReportSource;
  now: Date;
  /** `--only`: empty = every mailbox. */
  only: readonly OnlyStatus[];
  /** The table's width and colour. */
  width: number;
  color: boolean;
}

/** Whether `--only` lists the mailbox: it has a finding of one of the statuses. */
function listed(d: MailboxDiagnosis, only: readonly OnlyStatus[]): boolean {
  if (only.length === 0) return true;
  const v = d.result.verdict;
  return only.some((status) => (status === "problem" ? v.problems : status === "warning" ? v.warnings : v.unverified) > 0);
}

/** `--only` as it reads on the command line: `problems,warnings`. */
const onlyWords = (only: readonly OnlyStatus[]): string =>
  only.map((status) => Object.keys(ONLY).find((word) => ONLY[word as keyof typeof ONLY] === status)).join(",");

export function metadataOf(job: ReportJob): ReportMetadata {
  return {
    tool: "mailbox-health",
    version: packageVersion(),
    checkedAt: job.now.toISOString(),
    sourceType: job.source.kind,
    source: job.source.name,
    dumpReadAt: job.source.readAt ? job.source.readAt.toISOString() : null,
    language: job.language,
    only: job.only.length ? [...job.only] : null,
    unreadableTables: { ...job.source.unreadable },
  };
}

export const summaryOf = (t: Tally): ReportSummary => ({
  mailboxes: t.mailboxes,
  listed: t.listed,
  verdicts: { ...t.verdicts },
  mailboxesWith: { ...t.mailboxesWith },
  exitStatus: t.exitStatus,
  byRule: Object.fromEntries(Object.entries(t.byRule).map(([rule, counts]) => [rule, { ...counts }])),
  byProfile: [...t.byProfile.values()].map((p) => ({
    emailserverprofileid: p.id,
    name: p.name,
    lookup: p.lookup,
    mailboxes: p.mailboxes,
    mailboxesWith: { ...p.mailboxesWith },
  })),
});

/** A value laid out at depth 1 of the report, as `JSON.stringify(report, null, 2)` lays it out there. */
const nested = (value: unknown): string => JSON.stringify(value, null, 2).replace(/\n/g, "\n  ");

/**
 * The report in the job's format, one mailbox at a time. Resolves to the exit status, computed over every
 * mailbox checked (`--only` narrows the list, not the status). JSON: byte for byte what
 * `JSON.stringify({ metadata, mailboxes, summary }, null, 2)` would give.
 */
export async function writeReport(job: ReportJob, w: ChunkWriter): Promise<0 | 1> {
  const l = job.localizer;
  const tally = new Tally();
  if (job.format === "json") {
    await w.write(`{\n  "metadata": ${nested(metadataOf(job))},\n  "mailboxes": [`);
    let first = true;
    const layout = new MailboxJson(l);
    for await (const d of job.diagnoses()) {
      const shown = listed(d, job.only);
      tally.add(d.result, shown);
      if (!shown) continue;
      // The mailbox laid out at its depth in the whole report.
      const lead = first ? "\n    " : ",\n    ";
      first = false;
      if (w.takesBytes) {
        // Waits only when a chunk sent asked to (most mailboxes go into the chunk at once).
        layout.write(d, lead, w);
        const waiting = w.drained();
        if (waiting) await waiting;
      } else await w.write(lead + layout.text(d));
    }
    await w.write(`${first ? "]" : "\n  ]"},\n  "summary": ${nested(summaryOf(tally))}\n}\n`);
    await w.flush();
    return tally.exitStatus;
  }
  // The table and Markdown views start with one line a mailbox, then the details of each: a first pass
  // keeps only the lines, a second writes the details as each mailbox is diagnosed again.
  const lines: MailboxLine[] = [];
  for await (const d of job.diagnoses()) {
    const shown = listed(d, job.only);
    tally.add(d.result, shown);
    if (shown) lines.push(lineOf(d));
  }
  const o: ViewOptions = { localizer: l, source: job.source, now: job.now, ...(job.only.length ? { only: onlyWords(job.only) } : {}) };
  const table = { ...o, width: job.width, color: job.color };
  await w.lines(job.format === "markdown" ? markdownHead(lines, tally, o) : tableHead(lines, tally, table));
  if (lines.some((line) => line.actionable)) {
    for await (const d of job.diagnoses()) {
      if (!listed(d, job.only)) continue;
      if (job.format === "markdown") await w.write(markdownDetails(d, o));
      else await w.lines(tableDetails(mailboxView(d, l), table));
    }
  }
  await w.flush();
  return tally.exitStatus;
}

/** The same file: the same inode when both exist, else the same absolute path. */
function sameFile(a: string, b: string): boolean {
  try {
    const sa = statSync(a);
    const sb = statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return resolve(a) === resolve(b);
  }
}

/**
 * `--output <file>`: the report is written next to the file, then renamed over it, so that a reader never
 * sees half a report and a failed run leaves the file as it was. Never over a file the run reads or
 * saves (`inputs`: the dump, `--save-dump`). Errors name the file and the reason, never its content.
 */
export async function writeToFile<T>(file: string, inputs: readonly string[], write: (out: Writable) => Promise<T>): Promise<T> {
  if (inputs.some((input) => sameFile(file, input))) throw new CliError("Cli_Error_OutputIsDump", { file });
  const temporary = join(dirname(file), `.${basename(file)}.${process.pid}.part`);
  const failed = (e: unknown): CliError =>
    e instanceof CliError ? e : new CliError("Cli_Error_Output", { file, reason: (e as NodeJS.ErrnoException).code ?? oneLine(e instanceof Error ? e.message : String(e)) });
  let fd: number | undefined;
  try {
    fd = openSync(temporary, "wx", 0o600);
    const out: Writable = { write: (text: string) => writeSync(fd!, text) >= 0, writeBytes: (bytes) => writeAllSync(fd!, bytes) };
    const result = await write(out);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, file);
    return result;
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temporary, { force: true });
    throw failed(e);
  }
}
