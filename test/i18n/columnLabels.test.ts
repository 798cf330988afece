/** @jest-environment node */
/**
 * Evidence is labelled as the forms label a column ("Authentication Type, outgoing (profile)"), never by
 * its logical name alone. Every column any rule shows as evidence, for every demo and test fixture
 * mailbox and for each of them with every row column removed (the "cannot decide" findings name the
 * unread column), has a label in English and in Czech.
 */
import * as fs from "fs";
import * as path from "path";
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
import { resx } from "../support/strings";

function rowsOf(raw: RawMailboxData): Row[] {
  const rows: Row[] = [raw.mailbox];
  if (raw.profile.ok && raw.profile.value) rows.push(raw.profile.value);
  if (raw.owner.ok && raw.owner.value) rows.push(raw.owner.value.row);
  if (raw.organization.ok && raw.organization.value) rows.push(raw.organization.value);
  if (raw.alerts.ok) raw.alerts.value.forEach((a) => rows.push(a.row));
  return rows;
}

/** The evidence fields of every finding, for the case and for each single column removed from it. */
function fieldsShown(raw: RawMailboxData, now: Date, clientUrl: string | null): Set<string> {
  const fields = new Set<string>();
  const collect = (r: RawMailboxData) => {
    for (const f of runRules(buildSnapshot(r, { now, clientUrl }))) for (const e of f.evidence) fields.add(e.field);
  };
  collect(raw);
  rowsOf(raw).forEach((row, i) => {
    for (const column of Object.keys(row)) {
      const copy = structuredClone(raw);
      delete rowsOf(copy)[i][column];
      collect(copy);
    }
  });
  return fields;
}

const demo: OrgDump = JSON.parse(fs.readFileSync(path.join(__dirname, "../../demo/org-dump.json"), "utf8"));

describe("every column shown as evidence has a label on both languages' forms", () => {
  let fields: string[];
  beforeAll(async () => {
    const all = new Set<string>();
    for (const m of demo.mailboxes ?? []) {
      const raw = await loadMailboxData(new OrgDumpClient(demo), String(m.mailboxid));
      fieldsShown(raw, new Date(DEMO_REFERENCE_DATE), clientUrlOf(demo)).forEach((f) => all.add(f));
    }
    for (const f of FIXTURES) {
      const raw = await loadMailboxData(new OrgDumpClient(f.dump), IDS.mailbox);
      fieldsShown(raw, NOW, f.clientUrl === undefined ? CLIENT_URL : f.clientUrl).forEach((x) => all.add(x));
    }
    fields = [...all].sort();
  });

  it.each([1033, 1029] as const)("resx %i", (lcid) => {
    const strings = resx(lcid);
    expect(fields.length).toBeGreaterThan(20);
    const missing = fields.filter((f) => !strings[`Column_${f.replace(".", "_")}`]);
    expect(missing).toEqual([]);
  });
});
