/** @jest-environment node */
/**
 * The machine's time zone changes how dates are shown, never what is found: a date-time without a zone
 * (in the dump or in --now) is UTC. The real bin runs as a child process with TZ on both sides of UTC.
 */
import { ensureBuilt, runBin, writeTemp } from "./helpers";
import type { Json } from "./helpers";
import { healthyDump, mailboxRow } from "../support/rows";

beforeAll(() => ensureBuilt(), 120_000);

const ZONES = ["UTC", "America/Los_Angeles", "Asia/Kolkata"];

/** Processing postponed until `until`; at 09:00 UTC, 20 minutes ahead is a back-off, an hour ago is not. */
function mailbox(n: number, until: string): Json {
  return mailboxRow({
    mailboxid: `5f8d7e2a-1c3b-4e6f-9a0b-00000000000${n}`,
    name: `Mailbox ${n}`,
    postponemailboxprocessinguntil: until,
  });
}

function schedule(args: string[], zone: string): Record<string, string> {
  const r = runBin([...args, "--format", "json"], { TZ: zone });
  expect(r.stderr).toBe("");
  const report = JSON.parse(r.stdout) as Json;
  return Object.fromEntries(
    report.mailboxes.map((m: Json) => [m.name, m.findings.find((f: Json) => f.rule === "processing-schedule").status]),
  );
}

describe.each(ZONES)("TZ=%s", (zone) => {
  it("a date-time without a zone in the dump is UTC", () => {
    const file = writeTemp(`zoneless-dump-${zone.replace("/", "-")}.json`, {
      ...healthyDump(),
      mailboxes: [mailbox(1, "2026-11-20T09:20:00"), mailbox(2, "2026-11-20T08:00:00"), mailbox(3, "2026-11-20T14:50:00+05:30")],
    });
    expect(schedule(["diagnose", file, "--now", "2026-11-20T09:00:00Z"], zone)).toEqual({
      "Mailbox 1": "warning",
      "Mailbox 2": "ok",
      "Mailbox 3": "warning",
    });
  });

  it("--now without a zone is UTC", () => {
    const file = writeTemp(`utc-dump-${zone.replace("/", "-")}.json`, {
      ...healthyDump(),
      mailboxes: [mailbox(1, "2026-11-20T09:20:00Z"), mailbox(2, "2026-11-20T08:00:00Z")],
    });
    expect(schedule(["diagnose", file, "--now", "2026-11-20T09:00"], zone)).toEqual({ "Mailbox 1": "warning", "Mailbox 2": "ok" });
  });
});
