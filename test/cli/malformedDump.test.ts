/** @jest-environment node */
/**
 * Malformed and odd dumps against the contract of docs/org-dump.md: exit 2 means one line on stderr and
 * nothing on stdout; a dump's mailboxes are never silently lost.
 */
import { demoDump, runIn, writeTemp } from "./helpers";

describe("an input error after the report has begun", () => {
  it("an unknown --mailbox with --format json writes nothing on stdout, even when the metadata is long", async () => {
    const dump = demoDump();
    // A long reason in unreadableTables: the JSON's metadata, written before the mailboxes are selected, fills a chunk.
    dump.unreadableTables = { tracelogs: `403 0x80040220 ${"r".repeat(70_000)}` };
    const file = writeTemp("long-unreadable-reason.json", dump);
    const r = await runIn(["diagnose", file, "--format", "json", "--mailbox", "nobody@contoso.com"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`mailbox-health: ${file}: no mailbox has the id or email address "nobody@contoso.com"\n`);
    // The start of stdout is enough to show what was written.
    expect(r.stdout.slice(0, 80)).toBe("");
  });
});
