import type { MailboxDiagnosis } from "./diagnoseDump";
import type { Localizer } from "../MailboxHealth/i18n/localize";
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

  constructor(private readonly out: Writable) {}

  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) await this.flush();
  }

  async lines(lines: readonly string[]): Promise<void> {
    for (const line of lines) await this.write(line + "\n");
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const chunk = this.parts.join("");
    this.parts = [];
    this.size = 0;
    const ok = this.out.write(chunk);
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
    await w.write((first ? HEAD : ",\n    ") + whole.slice(HEAD.length, whole.length - TAIL.length));
    first = false;
  }
  await w.write(first ? '{\n  "mailboxes": []\n}\n' : "\n  ]\n}\n");
  await w.flush();
  return problem;
}
