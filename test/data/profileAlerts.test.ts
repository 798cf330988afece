/**
 * A profile's alerts are bounded like a mailbox's ($top), and the org dump answers the same profile's
 * query once for all its mailboxes: 10,000 mailboxes on one profile with 10,000 alerts must not sort
 * 10,000 alerts 10,000 times. Counted, not timed.
 */
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import { ALERT_TOP } from "../../MailboxHealth/data/queries";
import { loadMailboxData } from "../../MailboxHealth/data/loadMailboxData";
import type { Row } from "../../MailboxHealth/data/webApiClient";
import { IDS, alertRow, healthyDump, mailboxRow, userRow } from "../support/rows";

function profileAlerts(count: number, reads: { n: number }): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < count; i++) {
    const row = alertRow(`Alert ${i}`, {
      tracelogid: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
      _regardingobjectid_value: IDS.profile,
      modifiedon: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    });
    rows.push(
      new Proxy(row, {
        get(target, property, receiver) {
          if (property === "modifiedon") reads.n++;
          return Reflect.get(target, property, receiver);
        },
      }),
    );
  }
  return rows;
}

function mailboxes(count: number): { mailboxes: Row[]; systemusers: Row[] } {
  const out = { mailboxes: [] as Row[], systemusers: [] as Row[] };
  for (let i = 0; i < count; i++) {
    const user = `10000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
    out.systemusers.push(userRow({ systemuserid: user }));
    out.mailboxes.push(mailboxRow({ mailboxid: `20000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`, _regardingobjectid_value: user }));
  }
  return out;
}

describe("a profile's alerts", () => {
  it("are read newest first and at most ALERT_TOP of them", async () => {
    const reads = { n: 0 };
    const client = new OrgDumpClient(healthyDump({ tracelogs: profileAlerts(500, reads) }));
    const raw = await loadMailboxData(client, IDS.mailbox);
    expect(raw.alerts.ok).toBe(true);
    const rows = raw.alerts.ok ? raw.alerts.value.filter((a) => a.about === "profile") : [];
    expect(rows).toHaveLength(ALERT_TOP);
    expect(rows[0].row.text).toBe("Alert 499");
  });

  it("are sorted once for all the mailboxes of the profile, not once a mailbox", async () => {
    const alerts = 2000;
    const reads = { n: 0 };
    const many = mailboxes(200);
    const client = new OrgDumpClient(healthyDump({ ...many, tracelogs: profileAlerts(alerts, reads) }));
    for (const m of many.mailboxes) await loadMailboxData(client, String(m.mailboxid));
    // One sort of 2,000 rows reads `modifiedon` about 2 × 2,000 × log2(2,000) ≈ 44,000 times; 200 sorts, 200 times that.
    expect(reads.n).toBeLessThan(10 * alerts * Math.log2(alerts));
  });
});
