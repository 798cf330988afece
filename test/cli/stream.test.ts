/** @jest-environment node */
/**
 * Reports are written as they are made, in chunks, never as one string: a JSON report of 100,000
 * mailboxes is longer than the longest string V8 can make. The JSON is byte for byte what one
 * JSON.stringify of the whole report would give.
 */
import { Writable } from "stream";
import { run } from "../../cli/main";
import { diagnoseDump } from "../../cli/diagnoseDump";
import { mailboxView } from "../../cli/report";
import { localizerFor } from "../../cli/strings";
import { NOW, writeTemp } from "./helpers";
import type { Json } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeDump } = require("../../scripts/bench-dump.js") as { makeDump: (mailboxes: number, alerts?: number) => Json };

function chunkedOutput(slow = false) {
  const writes: string[] = [];
  let waiting: (() => void) | undefined;
  return {
    writes,
    out: {
      write: (t: string) => {
        writes.push(t);
        if (!slow) return true;
        // A slow reader: every write asks to wait until it has drained.
        setTimeout(() => waiting?.(), 1);
        return false;
      },
      once: (_: "drain", listener: () => void) => {
        waiting = listener;
      },
    },
  };
}

describe("the report is streamed", () => {
  const dump = makeDump(600, 5);
  const file = writeTemp("stream.json", dump);

  it("JSON: in chunks of about 64 KB, the same bytes as one JSON.stringify of the report", async () => {
    const { writes, out } = chunkedOutput();
    const status = await run(["diagnose", file, "--format", "json", "--now", NOW], { stdout: out, stderr: { write: () => true }, env: {} });
    expect(writes.length).toBeGreaterThan(4);
    for (const w of writes) expect(w.length).toBeLessThan(200 * 1024);
    const l = localizerFor("en");
    const report = JSON.parse(writes.join(""));
    const mailboxes = (await diagnoseDump(dump, { now: new Date(NOW) })).map((d) => mailboxView(d, l).report);
    expect(Object.keys(report)).toEqual(["metadata", "mailboxes", "summary"]);
    expect(writes.join("")).toBe(JSON.stringify({ metadata: report.metadata, mailboxes, summary: report.summary }, null, 2) + "\n");
    expect(report.summary.mailboxes).toBe(600);
    expect(status).toBe(1);
  }, 60_000);

  it.each([["table"], ["markdown"]])("%s: in chunks too, waiting for a slow reader to drain", async (format) => {
    const { writes, out } = chunkedOutput(true);
    const status = await run(["diagnose", file, "--format", format, "--now", NOW], { stdout: out, stderr: { write: () => true }, env: {} });
    expect(status).toBe(1);
    expect(writes.length).toBeGreaterThan(4);
    for (const w of writes) expect(w.length).toBeLessThan(200 * 1024);
  }, 60_000);

  it.each([["en"], ["cs"]])("JSON to a Node stream (%s): UTF-8 chunks of at most 64 KB, the same bytes, waiting to drain", async (lang) => {
    const chunks: Buffer[] = [];
    // A slow reader: a small buffer and a write that completes later, so that the writer must wait.
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        setTimeout(done, 0);
      },
    });
    const status = await run(["diagnose", file, "--format", "json", "--lang", lang, "--now", NOW], { stdout: out, stderr: { write: () => true }, env: {} });
    await new Promise<void>((resolve) => out.end(resolve));
    expect(status).toBe(1);
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(64 * 1024);
    const l = localizerFor(lang as "en" | "cs");
    const { metadata, summary } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    const mailboxes = (await diagnoseDump(dump, { now: new Date(NOW) })).map((d) => mailboxView(d, l).report);
    const expected = JSON.stringify({ metadata, mailboxes, summary }, null, 2) + "\n";
    expect(Buffer.concat(chunks).equals(Buffer.from(expected, "utf8"))).toBe(true);
    // Czech texts are not ASCII: the bytes are UTF-8 of the report, not one byte a character.
    if (lang === "cs") expect(Buffer.byteLength(expected)).toBeGreaterThan(expected.length);
  }, 60_000);

  it("an empty dump is still a JSON report", async () => {
    const { writes, out } = chunkedOutput();
    await run(["diagnose", writeTemp("no-mailboxes.json", { mailboxes: [] }), "--format", "json"], { stdout: out, stderr: { write: () => true }, env: {} });
    const report = JSON.parse(writes.join(""));
    expect(report.mailboxes).toEqual([]);
    expect(writes.join("")).toBe(JSON.stringify({ metadata: report.metadata, mailboxes: [], summary: report.summary }, null, 2) + "\n");
  });
});
