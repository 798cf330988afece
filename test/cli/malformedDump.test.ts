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

describe("profiles by id in the report's summary", () => {
  it("a profile whose id is written like the entry for mailboxes without a profile stays its own entry", async () => {
    const dump = demoDump();
    const mailboxes = dump.mailboxes as Record<string, unknown>[];
    const profiles = dump.emailserverprofiles as Record<string, unknown>[];
    const odd = { ...profiles[0], emailserverprofileid: "(none)", name: "Odd id" };
    profiles.push(odd);
    mailboxes[0]._emailserverprofile_value = "(none)";
    mailboxes[1]._emailserverprofile_value = null;
    const r = await runIn(["diagnose", writeTemp("odd-profile-id.json", dump), "--format", "json"]);
    const byProfile = JSON.parse(r.stdout).summary.byProfile as { lookup: string; mailboxes: number; name: string | null }[];
    expect(byProfile.filter((p) => p.lookup === "empty")).toEqual([expect.objectContaining({ mailboxes: 1, name: null })]);
    expect(byProfile.filter((p) => p.name === "Odd id")).toEqual([expect.objectContaining({ lookup: "read", mailboxes: 1 })]);
  });
});
