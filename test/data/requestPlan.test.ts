import { RecordingClient } from "../../MailboxHealth/data/recordingClient";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import {
  ALERT_COLUMNS,
  ALERT_TOP,
  MAILBOX_COLUMNS,
  ORGANIZATION_COLUMNS,
  PROFILE_COLUMNS,
  QUEUE_COLUMNS,
  SECRET_COLUMNS,
  USER_COLUMNS,
} from "../../MailboxHealth/data/queries";
import { parseQuery } from "../../MailboxHealth/data/odataQuery";
import { loadMailboxData, MailboxUnreadableError } from "../../MailboxHealth/data/loadMailboxData";
import { diagnoseMailbox } from "../../MailboxHealth/diagnosis/diagnose";
import type { WebApiClient } from "../../MailboxHealth/data/webApiClient";
import { FailingClient, healthyDump, IDS, NOW, PRIVILEGE_ERROR } from "../support/rows";

function columnsIn(options: string): string[] {
  const found: string[] = [];
  const walk = (q: ReturnType<typeof parseQuery>) => {
    found.push(...(q.select ?? []));
    Object.values(q.expand).forEach(walk);
  };
  walk(parseQuery(options));
  return found;
}

async function run(client: WebApiClient) {
  const recording = new RecordingClient(client);
  const result = await diagnoseMailbox(recording, IDS.mailbox, { now: () => NOW, clientUrl: null });
  return { recording, result };
}

describe("the requests one check sends", () => {
  it("5 requests in 2 round trips: the mailbox with $expand, its alerts, the org settings and the tenant; then the profile's alerts", async () => {
    const { recording } = await run(new OrgDumpClient(healthyDump()));
    expect(recording.requests.map((r) => `${r.kind}:${r.table ?? ""}:${r.round}`)).toEqual([
      "retrieveRecord:mailbox:1",
      "retrieveMultipleRecords:tracelog:1",
      "retrieveMultipleRecords:organization:1",
      "retrieveCurrentOrganization::1",
      "retrieveMultipleRecords:tracelog:2",
    ]);
    expect(recording.roundTrips).toBe(2);
    const profileAlerts = parseQuery(recording.requests[4].options ?? "");
    expect(profileAlerts.select).toEqual([...ALERT_COLUMNS]);
    expect(profileAlerts.filter).toEqual([
      { field: "_regardingobjectid_value", op: "eq", value: IDS.profile },
      { field: "level", op: "ge", value: 2 },
    ]);
    expect(profileAlerts.orderBy).toEqual({ field: "modifiedon", descending: true });
    // Bounded like the mailbox's own alerts: a profile may carry thousands.
    expect(profileAlerts.top).toBe(ALERT_TOP);
  });

  it("a mailbox without a profile: 4 requests in 1 round trip", async () => {
    const dump = healthyDump();
    dump.mailboxes![0]._emailserverprofile_value = null;
    const { recording } = await run(new OrgDumpClient(dump));
    expect(recording.requests.map((r) => r.table ?? r.kind)).toEqual(["mailbox", "tracelog", "organization", "retrieveCurrentOrganization"]);
    expect(recording.roundTrips).toBe(1);
  });

  it("selects explicit columns everywhere, including inside every $expand", async () => {
    const { recording } = await run(new OrgDumpClient(healthyDump()));
    const mailbox = parseQuery(recording.requests[0].options ?? "");
    expect(mailbox.select).toEqual([...MAILBOX_COLUMNS]);
    expect(mailbox.expand.emailserverprofile.select).toEqual([...PROFILE_COLUMNS]);
    // Whether outgoing uses the incoming credential settings: the rules judge outgoing by it.
    expect(mailbox.expand.emailserverprofile.select).toContain("usesamesettingsforoutgoingconnections");
    // Only single-valued navigation properties: no expanded collection (Dataverse may cache those).
    expect(Object.keys(mailbox.expand)).toEqual(["emailserverprofile", "regardingobjectid", "regardingobjectid_queue"]);
    expect(mailbox.expand.emailserverprofile.expand).toEqual({});
    expect(mailbox.expand.regardingobjectid.select).toEqual([...USER_COLUMNS]);
    expect(mailbox.expand.regardingobjectid_queue.select).toEqual([...QUEUE_COLUMNS]);
    const alerts = parseQuery(recording.requests[1].options ?? "");
    expect(alerts.select).toEqual([...ALERT_COLUMNS]);
    expect(alerts.filter).toEqual([
      { field: "_regardingobjectid_value", op: "eq", value: IDS.mailbox },
      { field: "level", op: "ge", value: 2 },
    ]);
    expect(alerts.orderBy).toEqual({ field: "modifiedon", descending: true });
    expect(alerts.top).toBe(50);
    expect(parseQuery(recording.requests[2].options ?? "").select).toEqual([...ORGANIZATION_COLUMNS]);
  });

  it("never selects a secret column, in the normal plan or the fallback", async () => {
    const normal = await run(new OrgDumpClient(healthyDump()));
    const fallback = await run(new FailingClient(healthyDump(), { emailserverprofile: PRIVILEGE_ERROR }));
    for (const request of [...normal.recording.requests, ...fallback.recording.requests]) {
      if (!request.options) continue;
      const columns = columnsIn(request.options);
      expect(columns.length).toBeGreaterThan(0);
      for (const secret of SECRET_COLUMNS) expect(columns).not.toContain(secret);
    }
  });

  it("without read privilege on email server profiles: falls back to one request per table, and only the profile rules lose their data", async () => {
    const { recording, result } = await run(new FailingClient(healthyDump(), { emailserverprofile: PRIVILEGE_ERROR }));
    expect(recording.requests.map((r) => `${r.table ?? r.kind}:${r.round}`)).toEqual([
      "mailbox:1",
      "tracelog:1",
      "organization:1",
      "retrieveCurrentOrganization:1",
      "mailbox:2",
      "emailserverprofile:3",
      "systemuser:3",
      "tracelog:3",
    ]);
    const status = Object.fromEntries(result.findings.map((f) => [f.rule, f.status]));
    expect(status["hybrid-profile-for-exchange-online"]).toBe("unverified");
    expect(status["tenant-mismatch"]).toBe("unverified");
    expect(status["exchange-online-basic-auth"]).toBe("unverified");
    expect(status["address-mismatch"]).toBe("ok");
    expect(status["owner-state"]).toBe("ok");
    expect(status["email-approval"]).toBe("ok");
    expect(status["mailbox-state"]).toBe("ok");
    expect(result.snapshot.profile).toEqual({ ok: false, error: expect.objectContaining({ kind: "privilege" }) });
  });

  it("a mailbox that does not exist fails the whole check as not-found", async () => {
    const error = await loadMailboxData(new OrgDumpClient(healthyDump({ mailboxes: [] })), IDS.mailbox).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailboxUnreadableError);
    expect((error as MailboxUnreadableError).error.kind).toBe("not-found");
  });

  it("throttling on the first read fails the check with the Retry-After, without more requests", async () => {
    const recording = new RecordingClient(new FailingClient(healthyDump(), { mailbox: { status: 429, message: "Too Many Requests", retryAfterSeconds: 7 } }));
    const error = await loadMailboxData(recording, IDS.mailbox).catch((e: unknown) => e);
    expect((error as MailboxUnreadableError).error).toMatchObject({ kind: "throttled", retryAfterSeconds: 7 });
    expect(recording.requests).toHaveLength(4);
  });

  it("a queue owner found without the lookup annotation in the fallback: tries systemuser, then queue", async () => {
    const dump = healthyDump();
    const mailbox = dump.mailboxes![0];
    mailbox._regardingobjectid_value = IDS.queue;
    delete mailbox["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"];
    mailbox.emailaddress = "support@contoso.com";
    const { recording, result } = await run(new FailingClient(dump, { emailserverprofile: PRIVILEGE_ERROR }));
    expect(recording.requests.filter((r) => r.round === 3 || r.round === 4).map((r) => r.table)).toEqual(["emailserverprofile", "systemuser", "tracelog", "queue"]);
    expect(result.snapshot.owner).toMatchObject({ ok: true, value: { table: "queue" } });
  });
});
