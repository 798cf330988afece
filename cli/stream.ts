import type { MailboxDiagnosis } from "./diagnoseDump";
import type { Localizer } from "../MailboxHealth/i18n/localize";
import { Writable as NodeWritable } from "stream";
import { mailboxView } from "./report";

/**
 * Writing a report as it is made: text is gathered into chunks of about 64 KB and written one chunk at a
 * time, waiting for the output to drain when it asks to (a pipe to a slow reader). No report is ever one
 * string: a JSON report of 100,000 mailboxes is longer than the longest string V8 can make.
 */

export interface Writable {
  write(text: string): unknown;
  once?(event: "drain", listener: () => void): unknown;
}

const CHUNK = 64 * 1024;
const HEAD = '{\n  "mailboxes": [\n    ';
const TAIL = "\n  ]\n}";

export class ChunkWriter {
  private parts: string[] = [];
  private size = 0;
  /** For a Node stream: the chunk as UTF-8 bytes, each text encoded into it as it comes (no joined string). */
  private readonly bytes: boolean;
  private chunk: Buffer | undefined;

  constructor(private readonly out: Writable) {
    this.bytes = out instanceof NodeWritable;
  }

  async write(text: string): Promise<void> {
    if (this.bytes) {
      // At most 3 bytes a UTF-16 code unit: a text that may not fit starts a new chunk.
      if (this.chunk && this.size + 3 * text.length > this.chunk.length) await this.flush();
      if (3 * text.length > CHUNK) {
        await this.send(text);
        return;
      }
      this.chunk ??= Buffer.allocUnsafe(CHUNK);
      this.size += this.chunk.write(text, this.size);
      return;
    }
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  async lines(lines: readonly string[]): Promise<void> {
    for (const line of lines) await this.write(line + "\n");
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    // The stream keeps the chunk until it is written: the next one is a new buffer.
    const chunk = this.chunk ? this.chunk.subarray(0, this.size) : this.parts.join("");
    this.chunk = undefined;
    this.parts = [];
    this.size = 0;
    await this.send(chunk);
  }

  private async send(chunk: string | Buffer): Promise<void> {
    const ok = this.out.write(chunk as string);
    if (ok === false && this.out.once) await new Promise<void>((resolve) => this.out.once!("drain", resolve));
  }
}

/**
 * The JSON report (org-dump.md), one mailbox at a time; byte for byte what
 * `JSON.stringify({ mailboxes }, null, 2)` would give. Resolves to whether a mailbox has a problem.
 */
export async function writeJsonReport(diagnoses: AsyncIterable<MailboxDiagnosis>, l: Localizer, w: ChunkWriter): Promise<boolean> {
  let problem = false;
  let first = true;
  for await (const diagnosis of diagnoses) {
    const report = mailboxView(diagnosis, l).report;
    if (report.verdict === "problem") problem = true;
    // The mailbox laid out at its depth in the whole report, without the report's first and last lines.
    const whole = JSON.stringify({ mailboxes: [report] }, null, 2);
    // Two writes, not one joined text: the slice is encoded straight from the stringified report.
    await w.write(first ? HEAD : ",\n    ");
    await w.write(whole.slice(HEAD.length, whole.length - TAIL.length));
    first = false;
  }
  await w.write(first ? '{\n  "mailboxes": []\n}\n' : "\n  ]\n}\n");
  await w.flush();
  return problem;
}
