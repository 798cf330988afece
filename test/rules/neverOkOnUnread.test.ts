/** @jest-environment node */
/**
 * Never `ok` on what was not read, proved by brute force. For every demo mailbox (read the way the
 * command line reads it) and every test fixture mailbox, each column of each Web API row the diagnosis
 * reads (mailbox, profile, owner, organization, tenant detail, alerts) is (a) removed and (b) given a
 * wrong type (string ↔ number ↔ boolean, a number where a date belongs). The snapshot is rebuilt and the
 * rules run again. Whatever the rule:
 *  - a result that was not `ok` does not become `ok`;
 *  - a result that was a `problem`, `warning` or `unverified` does not become `ok` or `not-applicable`;
 *  - a `problem` stays a `problem` or becomes `unverified`, never anything quieter.
 */
import * as fs from "fs";
import * as path from "path";
import type { Finding, Status } from "../../MailboxHealth/model/finding";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import type { RawMailboxData } from "../../MailboxHealth/data/loadMailboxData";
import { loadMailboxData } from "../../MailboxHealth/data/loadMailboxData";
import { buildSnapshot } from "../../MailboxHealth/data/buildSnapshot";
import type { Row } from "../../MailboxHealth/data/webApiClient";
import { runRules } from "../../MailboxHealth/rules";
import { clientUrlOf } from "../../cli/diagnoseDump";
import { DEMO_REFERENCE_DATE } from "../../cli/paths";
import { FIXTURES } from "../support/fixtures";
import { CLIENT_URL, IDS, NOW } from "../support/rows";

interface Case {
  name: string;
  raw: RawMailboxData;
  now: Date;
  clientUrl: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The wrong-typed values a column can be given instead of its own. */
function wrongTypes(value: unknown): unknown[] {
  if (typeof value === "string") {
    const asDate = ISO_DATE.test(value) ? [Date.parse(value)] : [];
    return [...asDate, 42, true];
  }
  if (typeof value === "number") return [String(value), value !== 0];
  if (typeof value === "boolean") return [String(value), value ? 1 : 0];
  return [];
}

/** Every row of the raw data, by a name for messages. */
function rowsOf(raw: RawMailboxData): [string, Row][] {
  const rows: [string, Row][] = [["mailbox", raw.mailbox]];
  if (raw.profile.ok && raw.profile.value) rows.push(["emailserverprofile", raw.profile.value]);
  if (raw.owner.ok && raw.owner.value) rows.push([raw.owner.value.table, raw.owner.value.row]);
  if (raw.organization.ok && raw.organization.value) rows.push(["organization", raw.organization.value]);
  if (raw.tenant.ok && raw.tenant.value) rows.push(["RetrieveCurrentOrganization.Detail", raw.tenant.value]);
  if (raw.alerts.ok) raw.alerts.value.forEach((a, i) => rows.push([`tracelog[${i}] (${a.about})`, a.row]));
  return rows;
}

const isScalar = (v: unknown): boolean => v === null || ["string", "number", "boolean"].includes(typeof v);

const GOOD: Status[] = ["ok", "not-applicable"];

function violation(before: Finding, after: Finding): string | undefined {
  if (before.status !== "ok" && after.status === "ok") return "became ok";
  if (!GOOD.includes(before.status) && GOOD.includes(after.status)) return `became ${after.status}`;
  if (before.status === "problem" && after.status !== "problem" && after.status !== "unverified") return `problem became ${after.status}`;
  return undefined;
}

function diagnose(c: Case, raw: RawMailboxData): Finding[] {
  return runRules(buildSnapshot(raw, { now: c.now, clientUrl: c.clientUrl }));
}

/** Every single-column mutation of the case, checked against the unmutated findings. */
function violationsOf(c: Case): string[] {
  const before = diagnose(c, c.raw);
  const found: string[] = [];
  const rowCount = rowsOf(c.raw).length;
  for (let r = 0; r < rowCount; r++) {
    const [rowName, row] = rowsOf(c.raw)[r];
    for (const column of Object.keys(row)) {
      const value = row[column];
      if (!isScalar(value)) continue;
      const mutations: [string, (target: Row) => void][] = [
        ["removed", (t) => delete t[column]],
        ...wrongTypes(value).map((w): [string, (t: Row) => void] => [`= ${JSON.stringify(w)}`, (t) => (t[column] = w)]),
      ];
      for (const [label, mutate] of mutations) {
        const raw = structuredClone(c.raw);
        mutate(rowsOf(raw)[r][1]);
        const after = diagnose(c, raw);
        before.forEach((b, i) => {
          const why = violation(b, after[i]);
          if (why) found.push(`${c.name} | ${rowName}.${column} ${label} | ${b.rule}: ${b.status} (${b.detail.key}) ${why} (${after[i].detail.key})`);
        });
      }
    }
  }
  return found;
}

async function load(dump: OrgDump, mailboxId: string): Promise<RawMailboxData> {
  return loadMailboxData(new OrgDumpClient(dump), mailboxId);
}

const demo: OrgDump = JSON.parse(fs.readFileSync(path.join(__dirname, "../../demo/org-dump.json"), "utf8"));

describe("never ok on what was not read", () => {
  const demoCases = (demo.mailboxes ?? []).map((m) => [String(m.name), String(m.mailboxid)]);

  it.each(demoCases)("demo mailbox %s", async (name, id) => {
    const c: Case = { name, raw: await load(demo, id), now: new Date(DEMO_REFERENCE_DATE), clientUrl: clientUrlOf(demo) };
    expect(violationsOf(c)).toEqual([]);
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))("test fixture: %s", async (_name, f) => {
    const c: Case = { name: f.name, raw: await load(f.dump, IDS.mailbox), now: NOW, clientUrl: f.clientUrl === undefined ? CLIENT_URL : f.clientUrl };
    expect(violationsOf(c)).toEqual([]);
  });
});
