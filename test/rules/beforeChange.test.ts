/**
 * A 401 alert older than the latest change to the mailbox, its profile or its owner (their `modifiedon`)
 * says what Exchange answered before the change: the findings say so and ask for Test & Enable, never
 * "Exchange still answers 401", and the headline does not rank a cause by it. An unread `modifiedon`
 * changes nothing. The alerts of these tests were last written at 2026-11-20T07:30:00Z (rows.ts).
 */
import { present } from "../../MailboxHealth/presentation/present";
import type { DiagnosisResult } from "../../MailboxHealth/diagnosis/diagnose";
import { latestChange } from "../../MailboxHealth/rules/facts";
import type { Row } from "../../MailboxHealth/data/webApiClient";
import { FIXTURES } from "../support/fixtures";
import { ALERT_401_EN, IDS, alertRow, diagnose, findingsOf, healthyDump, hybridProfileRow, mailboxRow, queueRow, userRow } from "../support/rows";

const BEFORE = "2026-11-20T07:00:00Z";
const AFTER = "2026-11-20T08:15:00Z";
const ALERT_EXO = `${ALERT_401_EN} Url: https://outlook.office365.com/EWS/Exchange.asmx`;
const onPremMailbox = (over: Row = {}) => mailboxRow({ ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx", ...over });
const basicProfile = (over: Row = {}) => hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", ...over });
const queueMailbox = (over: Row = {}) =>
  mailboxRow({ emailaddress: "support@contoso.com", _regardingobjectid_value: IDS.queue, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue", ...over });
const presented = (r: DiagnosisResult) =>
  present(r.findings, r.snapshot, { recent401: (r.alerts401 ?? []).filter((a) => !a.history).map((a) => a.alert) });

describe("a 401 from before the latest change to the mailbox, profile or owner", () => {
  it("after the change: unchanged, Exchange still answers 401", async () => {
    const f = await findingsOf(healthyDump({ mailboxes: [mailboxRow({ modifiedon: BEFORE })], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(f["address-mismatch"].status).toBe("unverified");
    expect(f["address-mismatch"].detail.key).toBe("AddressMismatch_MatchBut401");
  });

  it.each([
    ["mailbox", "Changed_mailbox", "mailbox.modifiedon", { mailboxes: [mailboxRow({ modifiedon: AFTER })] }],
    ["profile", "Changed_emailserverprofile", "emailserverprofile.modifiedon", { emailserverprofiles: [hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Online", incomingcredentialretrieval: 2, outgoingcredentialretrieval: 2, modifiedon: AFTER })] }],
    ["user", "Changed_systemuser", "systemuser.modifiedon", { systemusers: [userRow({ modifiedon: AFTER })] }],
    ["queue", "Changed_queue", "queue.modifiedon", { mailboxes: [queueMailbox()], queues: [queueRow({ modifiedon: AFTER })] }],
  ])("the %s changed after the alert: 'from before the change', Test & Enable, never ok", async (_name, what, field, tables) => {
    const f = (await findingsOf(healthyDump({ ...tables, tracelogs: [alertRow(ALERT_401_EN)] })))["address-mismatch"];
    expect(f.status).toBe("unverified");
    expect(f.detail).toEqual({ key: "Alert401_BeforeChange", args: { what: { key: what }, time: { key: "Date", args: { iso: "2026-11-20T08:15:00.000Z" } } } });
    expect(f.evidence).toContainEqual({ field, value: { date: "2026-11-20T08:15:00.000Z" } });
    expect(f.evidence).toContainEqual({ field: "tracelog.text", value: ALERT_401_EN });
    expect(f.fix.map((m) => m.key)).toEqual(["Fix_TestEnable"]);
  });

  it("the latest of the three changes is the one named", async () => {
    const dump = healthyDump({
      mailboxes: [mailboxRow({ modifiedon: "2026-11-20T08:00:00Z" })],
      emailserverprofiles: [hybridProfileRow({ modifiedon: "2026-11-20T08:30:00+01:00" })],
      systemusers: [userRow({ modifiedon: "2026-11-20T07:45:00Z" })],
      tracelogs: [alertRow(ALERT_401_EN)],
    });
    const r = await diagnose(dump);
    // 08:30+01:00 is 07:30Z: compared as instants, the mailbox's 08:00Z is the latest.
    expect(latestChange(r.snapshot)).toEqual({ table: "mailbox", on: new Date("2026-11-20T08:00:00Z") });
  });

  it.each([
    ["a minute after the alert (the service's write after the failure)", { modifiedon: "2026-11-20T07:31:00Z" }],
    ["a minute after the last successful sync", { modifiedon: AFTER, lastsuccessfulsynccompletedon: "2026-11-20T08:14:00Z" }],
    ["a minute after the last test", { modifiedon: AFTER, testmailboxaccesscompletedon: "2026-11-20T08:16:00Z" }],
    ["with the last successful sync not read", { modifiedon: AFTER, lastsuccessfulsynccompletedon: undefined }],
  ])("the mailbox's modifiedon %s may be server-side sync's own write: not a change", async (_name, over) => {
    const row = mailboxRow(over);
    for (const [k, v] of Object.entries(over)) if (v === undefined) delete row[k];
    const r = await diagnose(healthyDump({ mailboxes: [row], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(latestChange(r.snapshot)).toBeUndefined();
    // A test completed after the alert already makes the alert history; otherwise the 401 still counts.
    if (!("testmailboxaccesscompletedon" in over)) expect(r.findings.find((f) => f.rule === "address-mismatch")!.detail.key).toBe("AddressMismatch_MatchBut401");
  });

  it("one newer 401 is enough: unchanged", async () => {
    const f = await findingsOf(
      healthyDump({
        mailboxes: [mailboxRow({ modifiedon: "2026-11-20T08:00:00Z" })],
        tracelogs: [alertRow(ALERT_401_EN), alertRow(ALERT_401_EN, { modifiedon: "2026-11-20T08:20:00Z" })],
      }),
    );
    expect(f["address-mismatch"].detail.key).toBe("AddressMismatch_MatchBut401");
  });

  it("modifiedon unread or of the wrong type: unchanged, and no ok", async () => {
    for (const modifiedon of [undefined, 20261120, "yesterday"]) {
      const row = mailboxRow(modifiedon === undefined ? {} : { modifiedon });
      const f = await findingsOf(healthyDump({ mailboxes: [row], tracelogs: [alertRow(ALERT_401_EN)] }));
      expect(f["address-mismatch"].detail.key).toBe("AddressMismatch_MatchBut401");
      expect(Object.values(f).filter((x) => x.status === "ok").map((x) => x.rule)).not.toContain("address-mismatch");
    }
  });

  it("cause 5: Basic with a 401 from before a change to the profile is a warning that says so, not a problem", async () => {
    const fresh = await findingsOf(healthyDump({ mailboxes: [onPremMailbox()], emailserverprofiles: [basicProfile({ modifiedon: BEFORE })], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(fresh["ews-basic-auth"].status).toBe("problem");
    expect(fresh["ews-basic-auth"].detail.key).toBe("EwsBasic_Problem401");
    const stale = await findingsOf(healthyDump({ mailboxes: [onPremMailbox()], emailserverprofiles: [basicProfile({ modifiedon: AFTER })], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(stale["ews-basic-auth"].status).toBe("warning");
    expect(stale["ews-basic-auth"].detail.key).toBe("Alert401_BeforeChange");
    expect(stale["ews-basic-auth"].fix.map((m) => m.key)).toEqual(["EwsBasic_Fix_EnableBasicOrNtlm", "EwsBasic_Fix_ConsiderHma", "Fix_TestEnable"]);
  });

  it("cause 5: NTLM with a 401 from before a change to the user is to verify, not a warning about the credentials", async () => {
    const ntlm = basicProfile({ incomingauthenticationprotocol: 2, outgoingauthenticationprotocol: 2 });
    const fresh = await findingsOf(healthyDump({ mailboxes: [onPremMailbox()], emailserverprofiles: [ntlm], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(fresh["ews-basic-auth"].detail.key).toBe("EwsBasic_Warning401Other");
    const stale = await findingsOf(
      healthyDump({ mailboxes: [onPremMailbox()], emailserverprofiles: [ntlm], systemusers: [userRow({ modifiedon: AFTER })], tracelogs: [alertRow(ALERT_401_EN)] }),
    );
    expect(stale["ews-basic-auth"].status).toBe("unverified");
    expect(stale["ews-basic-auth"].detail.key).toBe("Alert401_BeforeChange");
  });

  it("cause 2: a hybrid profile with a 401 from before a change is to verify, not a warning", async () => {
    const hybrid = hybridProfileRow({ incomingcredentialretrieval: 6, outgoingcredentialretrieval: 6 });
    const fresh = await findingsOf(healthyDump({ mailboxes: [onPremMailbox()], emailserverprofiles: [hybrid], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(fresh["hybrid-profile-for-exchange-online"].status).toBe("warning");
    const stale = await findingsOf(healthyDump({ mailboxes: [onPremMailbox({ modifiedon: AFTER })], emailserverprofiles: [hybrid], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(stale["hybrid-profile-for-exchange-online"].status).toBe("unverified");
    expect(stale["hybrid-profile-for-exchange-online"].detail.key).toBe("Alert401_BeforeChange");
  });

  it("the alert list marks the alert as from before the change", async () => {
    const r = await diagnose(healthyDump({ mailboxes: [mailboxRow({ modifiedon: AFTER })], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(r.alerts401?.map((a) => [a.history, a.beforeChange])).toEqual([[false, true]]);
  });

  it("the headline does not rank a cause by an alert from before the change", async () => {
    const tables = { emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_EXO)] };
    const fresh = presented(await diagnose(healthyDump({ ...tables, mailboxes: [mailboxRow({ modifiedon: BEFORE })] })));
    expect(fresh.lead?.why).toBe("matching-alert");
    const stale = presented(await diagnose(healthyDump({ ...tables, mailboxes: [mailboxRow({ modifiedon: AFTER })] })));
    expect(stale.lead?.finding.rule).toBe("hybrid-profile-for-exchange-online");
    expect(stale.lead?.why).not.toBe("matching-alert");
    expect(stale.lead?.alert).toBeUndefined();
  });

  it("without a problem, the check the old 401 leaves to verify leads, and the headline says why", async () => {
    const p = presented(await diagnose(healthyDump({ mailboxes: [mailboxRow({ modifiedon: AFTER })], tracelogs: [alertRow(ALERT_401_EN)] })));
    expect(p.lead?.finding.detail.key).toBe("Alert401_BeforeChange");
    expect(p.lead?.why).toBe("before-change");
  });

  it("the fixtures the never-ok-on-unread test mutates hold 401s before and after a change", async () => {
    const fixtures = FIXTURES.filter((f) => / (before|after) a change /.test(f.name));
    expect(fixtures.length).toBe(5);
    for (const fixture of fixtures) {
      const r = await diagnose(fixture.dump, { clientUrl: fixture.clientUrl });
      const said = r.findings.some((f) => f.detail.key === "Alert401_BeforeChange");
      expect([fixture.name, said]).toEqual([fixture.name, fixture.name.includes("before a change")]);
    }
  });
});
