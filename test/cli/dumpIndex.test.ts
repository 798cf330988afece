/** @jest-environment node */
/**
 * The direct read of a dump (cli/dumpIndex.ts) builds, for every mailbox, exactly the snapshot that the
 * control's read builds through the Web API emulation (OrgDumpClient → loadMailboxData → buildSnapshot),
 * and a run gives exactly the same diagnoses either way. Checked for every demo mailbox, every test fixture,
 * every single-column change of their rows (removed, null, another type), and odd rows: ids in other
 * spellings, lookups to nothing, alerts with odd levels and dates, more alerts than are read.
 */
import * as fs from "fs";
import { buildSnapshot } from "../../MailboxHealth/data/buildSnapshot";
import { loadMailboxData } from "../../MailboxHealth/data/loadMailboxData";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import type { Row } from "../../MailboxHealth/data/webApiClient";
import { normalizeGuid } from "../../MailboxHealth/model/guid";
import { clientUrlOf, diagnoseDump, mailboxIdsOf } from "../../cli/diagnoseDump";
import { DumpIndex } from "../../cli/dumpIndex";
import { FIXTURES } from "../support/fixtures";
import { DEMO, NOW, plainDates } from "./helpers";

const now = new Date(NOW);
const TABLE_NAMES = ["mailboxes", "emailserverprofiles", "systemusers", "queues", "tracelogs", "organizations"] as const;

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const demo = (): OrgDump => JSON.parse(fs.readFileSync(DEMO, "utf8")) as OrgDump;

/** The snapshot of every mailbox both ways; undefined where the direct read hands the mailbox to the emulation. */
async function bothWays(dump: OrgDump): Promise<{ id: string; emulated: unknown; direct: unknown }[]> {
  const clientUrl = clientUrlOf(dump);
  const client = new OrgDumpClient(dump);
  const index = new DumpIndex(dump, now, clientUrl);
  const out = [];
  for (const id of [...new Set(mailboxIdsOf(dump))]) {
    let emulated: unknown;
    try {
      emulated = buildSnapshot(await loadMailboxData(client, id), { now, clientUrl });
    } catch (e) {
      emulated = { threw: e instanceof Error ? e.message : String(e) };
    }
    out.push({ id, emulated, direct: index.snapshotOf(id) });
  }
  return out;
}

/** Asserts the same snapshots and the same diagnoses (with their errors) both ways; returns how many were read directly. */
async function expectSame(dump: OrgDump, runs = true): Promise<number> {
  let direct = 0;
  for (const s of await bothWays(dump)) {
    if (s.direct === undefined) continue;
    direct++;
    expect(plainDates({ id: s.id, snapshot: s.direct })).toStrictEqual(plainDates({ id: s.id, snapshot: s.emulated }));
  }
  if (!runs) return direct;
  // A run that watches requests reads through the emulation: the reference.
  const emulated = await diagnoseDump(dump, { now, onRequest: () => undefined });
  const fast = await diagnoseDump(dump, { now });
  expect(plainDates(fast)).toStrictEqual(plainDates(emulated));
  return direct;
}

/** Every single-column change of every row: removed, null, and values of other types. */
function* mutations(dump: OrgDump): Generator<[string, OrgDump]> {
  for (const table of TABLE_NAMES) {
    const rows = dump[table] ?? [];
    for (let r = 0; r < rows.length; r++) {
      for (const column of Object.keys(rows[r])) {
        const value = rows[r][column];
        const others: unknown[] = [undefined, null, 2, true, ""];
        if (typeof value === "string") others.push(`{${value.toUpperCase()}}`, Date.parse(value));
        for (const other of others) {
          if (Object.is(other, value)) continue;
          const changed = copy(dump);
          const row = changed[table]![r];
          if (other === undefined) delete row[column];
          else row[column] = other;
          yield [`${table}[${r}].${column} = ${String(other)}`, changed];
        }
      }
    }
  }
}

describe("the direct read of a dump builds the snapshots the Web API emulation builds", () => {
  it("for every demo mailbox", async () => {
    const dump = demo();
    expect(await expectSame(dump)).toBe(dump.mailboxes!.length);
  });

  it.each(FIXTURES.map((f) => [f.name, f]))("for the fixture %s", async (_name, fixture) => {
    expect(await expectSame(copy(fixture.dump))).toBeGreaterThan(0);
  });

  it("for every single-column change of every row of the fixtures", async () => {
    let cases = 0;
    for (const fixture of FIXTURES.slice(0, 8)) {
      for (const [name, dump] of mutations(fixture.dump)) {
        cases++;
        try {
          await expectSame(dump, false);
        } catch (e) {
          throw new Error(`${fixture.name}: ${name}\n${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    expect(cases).toBeGreaterThan(500);
  });

  it("for every single-column change of the demo's rows", async () => {
    const dump = demo();
    // The rows of two mailboxes with their profiles and owners, to keep the run short.
    const mailboxes = dump.mailboxes!.slice(0, 2);
    const reached = (rows: Row[] | undefined, key: string, lookup: string) =>
      (rows ?? []).filter((row) => mailboxes.some((m) => normalizeGuid(String(m[lookup])) === normalizeGuid(String(row[key]))));
    const small: OrgDump = {
      ...dump,
      mailboxes,
      emailserverprofiles: reached(dump.emailserverprofiles, "emailserverprofileid", "_emailserverprofile_value"),
      systemusers: reached(dump.systemusers, "systemuserid", "_regardingobjectid_value"),
      queues: reached(dump.queues, "queueid", "_regardingobjectid_value"),
    };
    expect(small.systemusers!.length + small.queues!.length).toBeGreaterThan(0);
    for (const [name, changed] of mutations(small)) {
      try {
        await expectSame(changed, false);
      } catch (e) {
        throw new Error(`${name}\n${e instanceof Error ? e.message : String(e)}`);
      }
    }
  });

  it("reads \"Use Same Settings for Outgoing Connection\" from the dump's profiles, as the emulation does", async () => {
    const dump = demo();
    const [yes, no, unknown] = dump.emailserverprofiles!;
    no.usesamesettingsforoutgoingconnections = false;
    delete unknown.usesamesettingsforoutgoingconnections;
    const read: Record<string, unknown> = {};
    const index = new DumpIndex(dump, now, clientUrlOf(dump));
    for (const id of mailboxIdsOf(dump)) {
      const s = index.snapshotOf(id);
      if (s && s.profile.ok && s.profile.value) read[s.profile.value.id] = s.profile.value.sameSettingsForOutgoing;
    }
    expect(read[normalizeGuid(String(yes.emailserverprofileid))]).toBe(true);
    expect(read[normalizeGuid(String(no.emailserverprofileid))]).toBe(false);
    expect(normalizeGuid(String(unknown.emailserverprofileid)) in read).toBe(true);
    expect(read[normalizeGuid(String(unknown.emailserverprofileid))]).toBeUndefined();
    expect(await expectSame(dump)).toBe(dump.mailboxes!.length);
  });

  it("for lookups in other spellings, lookups to nothing and owners in both tables", async () => {
    const dump = demo();
    const [a, b, c, d, e, f, g] = dump.mailboxes!;
    a._emailserverprofile_value = `{${String(a._emailserverprofile_value).toUpperCase()}}`;
    a._regardingobjectid_value = ` ${String(a._regardingobjectid_value).toUpperCase()} `;
    b._emailserverprofile_value = "6b1c4a5e-0000-4000-8000-000000000001"; // no such profile
    b._regardingobjectid_value = "6b1c4a5e-0000-4000-8000-000000000002"; // no such owner
    c._regardingobjectid_value = "6b1c4a5e-0000-4000-8000-000000000003";
    c["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"] = "queue";
    d._emailserverprofile_value = "";
    d._regardingobjectid_value = "";
    delete e._emailserverprofile_value;
    f._emailserverprofile_value = 7;
    // A queue with the id of a user: the user is the owner, as by $expand.
    dump.queues!.push({ queueid: String(g._regardingobjectid_value).toUpperCase(), name: "Same id", emailaddress: "q@contoso.com", statecode: 0 });
    // Rows with secrets and columns the diagnosis does not read.
    a.password = "secret";
    a.extra = { nested: true };
    expect(await expectSame(dump)).toBe(dump.mailboxes!.length);
  });

  it("for alerts with odd levels and dates, ties, and more alerts than are read", async () => {
    const dump = demo();
    const [a, b] = dump.mailboxes!;
    const profile = String(a._emailserverprofile_value);
    const alerts: Row[] = [];
    const modified = ["2026-11-20T08:00:00Z", "2026-11-20T10:00:00+02:00", "2026-11-20 07:59", "yesterday", 17, null, undefined, "2026-02-30T00:00:00Z", "2026-11-20T08:00:00.000Z", true];
    const levels = [2, 3, 1, "3", null, undefined, 2.5, 4, 0, false];
    for (let i = 0; i < 140; i++) {
      const about = i % 3 === 0 ? profile : String(i % 3 === 1 ? a.mailboxid : b.mailboxid);
      const row: Row = {
        tracelogid: `7a1b2c3d-0000-4000-8000-${String(i).padStart(12, "0")}`,
        _regardingobjectid_value: i % 7 === 0 ? `{${about.toUpperCase()}}` : about,
        text: i % 5 === 0 ? "Email Server Error Code: Http server returned 401 Unauthorized exception." : `Alert ${i}`,
        errordetails: i % 11 === 0 ? "NoUserFoundWithGivenClaims" : null,
        createdon: modified[(i * 3) % modified.length],
      };
      if (levels[i % levels.length] !== undefined) row.level = levels[i % levels.length];
      if (modified[i % modified.length] !== undefined) row.modifiedon = modified[i % modified.length];
      alerts.push(row);
    }
    alerts.push({ tracelogid: "7a1b2c3d-0000-4000-8000-999999999999", _regardingobjectid_value: 5, level: 3, text: "about nothing" });
    dump.tracelogs = [...dump.tracelogs!, ...alerts];
    expect(await expectSame(dump)).toBe(dump.mailboxes!.length);
  });

  it("for a mailbox's own alerts alone, with dates given as other text, numbers or nothing among them", async () => {
    const dump = demo();
    const [a] = dump.mailboxes!;
    // No alert about the profile: the mailbox's own list alone, which the direct read orders by its query.
    const profile = String(a._emailserverprofile_value);
    dump.tracelogs = dump.tracelogs!.filter((row) => normalizeGuid(String(row._regardingobjectid_value)) !== normalizeGuid(profile));
    const modified = ["yesterday", "2026-11-20T08:00:00Z", 17, "2026-11-19T08:00:00Z", null, "not a date"];
    modified.forEach((value, i) =>
      dump.tracelogs!.push({
        tracelogid: `7b1b2c3d-0000-4000-8000-${String(i).padStart(12, "0")}`,
        _regardingobjectid_value: String(a.mailboxid),
        level: 3,
        text: `Alert ${i}`,
        modifiedon: value,
      }),
    );
    expect(await expectSame(dump)).toBe(dump.mailboxes!.length);
  });

  it("for dumps without organizations, with two, and without the tenant", async () => {
    const none = demo();
    delete none.organizations;
    delete none.RetrieveCurrentOrganization;
    expect(await expectSame(none)).toBe(none.mailboxes!.length);
    const two = demo();
    two.organizations!.push({ organizationid: "{" + String(two.organizations![0].organizationid).toUpperCase() + "}", requireapprovalforuseremail: false });
    two.organizations!.push({ organizationid: "0a0b0c0d-0000-4000-8000-000000000000", requireapprovalforqueueemail: false });
    two.RetrieveCurrentOrganization = { Detail: { TenantId: "00000000-0000-0000-0000-000000000000" } };
    expect(await expectSame(two)).toBe(two.mailboxes!.length);
  });

  it("hands a mailbox whose id or profile id is not a GUID to the emulation, with the same result", async () => {
    const dump = demo();
    dump.mailboxes![0].mailboxid = "{ x }";
    dump.mailboxes![1].mailboxid = "lone \ud800 surrogate";
    dump.mailboxes![2]._emailserverprofile_value = "not a guid";
    dump.mailboxes![3]._emailserverprofile_value = "null";
    const index = new DumpIndex(dump, now, clientUrlOf(dump));
    expect(index.snapshotOf("x")).toBeUndefined();
    expect(index.snapshotOf(normalizeGuid(String(dump.mailboxes![2].mailboxid)))).toBeUndefined();
    expect(await expectSame(dump)).toBe(dump.mailboxes!.length - 4);
  });

  it("a dump that records unreadable tables gives the same diagnoses as through the emulation", async () => {
    const dump = demo() as OrgDump & { unreadableTables?: Record<string, string> };
    dump.unreadableTables = { tracelogs: "403 0x80040220 missing prvReadTraceLog privilege" };
    const results = await diagnoseDump(dump, { now });
    expect(results.every((d) => !d.result.snapshot.alerts.ok)).toBe(true);
    expect(results).toStrictEqual(await diagnoseDump(dump, { now, onRequest: () => undefined }));
  });
});
