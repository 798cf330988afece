import { alertQuoted, endsWithTest, evidenceRows, isThisRecord, leadOf, ownSteps, present, privilegeIn, unreadableDataOf } from "../../MailboxHealth/presentation/present";
import type { DiagnosisResult } from "../../MailboxHealth/diagnosis/diagnose";
import type { Finding } from "../../MailboxHealth/model/finding";
import { alertRow, ALERT_401_EN, diagnose, healthyDump, hybridProfileRow, IDS, mailboxRow, userRow } from "../support/rows";

const recent = (r: DiagnosisResult) => (r.alerts401 ?? []).filter((a) => !a.history).map((a) => a.alert);
const presented = (r: DiagnosisResult) => present(r.findings, r.snapshot, { recent401: recent(r) });
/** A 401 that names Exchange Online's EWS host: the hybrid-profile check quotes it as evidence. */
const ALERT_EXO = `${ALERT_401_EN} Url: https://outlook.office365.com/EWS/Exchange.asmx`;
const rules = (list: Finding[]) => list.map((f) => f.rule);

describe("the presentation of the findings", () => {
  it("a problem that quotes a recent 401 alert leads, and says so", async () => {
    const r = await diagnose(healthyDump({ emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_EXO)] }));
    const p = presented(r);
    expect(p.lead?.finding.rule).toBe("hybrid-profile-for-exchange-online");
    expect(p.lead?.why).toBe("matching-alert");
    expect(p.lead?.alert?.text).toBe(ALERT_EXO);
    expect(p.list[0]).toBe(p.lead?.finding);
  });

  it("to-verify checks that a present problem explains move under 'If the problem remains'", async () => {
    const r = await diagnose(healthyDump({ emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_401_EN)] }));
    const p = presented(r);
    expect(rules(p.ifRemains)).toContain("address-mismatch");
    expect(rules(p.list)).not.toContain("address-mismatch");
  });

  it("without a problem, a check to verify stays in the list and can lead", async () => {
    const r = await diagnose(healthyDump({ tracelogs: [alertRow(ALERT_401_EN)] }));
    const p = presented(r);
    expect(p.ifRemains).toEqual([]);
    expect(p.list.every((f) => f.status === "unverified")).toBe(true);
    expect(p.lead?.why).toBe("unverified");
  });

  it("among problems without an alert: the article's causes first, the failed Test & Enable (a consequence) last", async () => {
    const r = await diagnose(
      healthyDump({
        systemusers: [userRow({ internalemailaddress: "other@contoso.com", isdisabled: true })],
        mailboxes: [mailboxRow({ incomingemailstatus: 2 })],
      }),
    );
    const p = presented(r);
    const problems = p.list.filter((f) => f.status === "problem").map((f) => f.rule);
    expect(problems[0]).toBe("address-mismatch");
    expect(problems[problems.length - 1]).toBe("mailbox-state");
    expect(p.lead?.why).toBe("article-cause");
  });

  it("a healthy mailbox has no lead, and passed and not applicable apart", async () => {
    const p = presented(await diagnose(healthyDump()));
    expect(p.lead).toBeUndefined();
    expect(p.list).toEqual([]);
    expect(p.passed.length + p.notApplicable.length).toBe(11);
    expect(p.sharedStep).toBeUndefined();
  });

  it("the Test & Enable step appears once, after the findings, and not in each finding's steps", async () => {
    const r = await diagnose(healthyDump({ systemusers: [userRow({ isdisabled: true })], emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_401_EN)] }));
    const p = presented(r);
    expect(p.sharedStep?.key).toMatch(/^Fix_(SaveAnd)?TestEnable$/);
    for (const f of [...p.list, ...p.ifRemains]) expect(ownSteps(f, p).map((m) => m.key)).not.toContain(p.sharedStep?.key);
  });

  it("checks that say the same sentence: the first says it, the others name the first and leave it their shared steps", async () => {
    // A delivery method with a value that is not documented: every cause check that rests on it cannot decide.
    const r = await diagnose(healthyDump({ mailboxes: [mailboxRow({ incomingemaildeliverymethod: 9 })] }));
    const p = presented(r);
    const unknown = p.list.filter((f) => f.detail.key === "Detail_ColumnsUnknown");
    expect(unknown.length).toBeGreaterThan(2);
    const [first, ...others] = unknown;
    expect(p.sameAs.has(first)).toBe(false);
    for (const f of others) expect(p.sameAs.get(f)).toBe(first);
    expect(ownSteps(first, p).map((m) => m.key)).toEqual(["Fix_CheckValue"]);
    for (const f of others) expect(ownSteps(f, p)).toEqual([]);
    // Different sentences are each said.
    expect([...p.sameAs.keys()].every((f) => f.detail.key === "Detail_ColumnsUnknown")).toBe(true);
    expect(presented(await diagnose(healthyDump({ systemusers: [userRow({ isdisabled: true })] }))).sameAs.size).toBe(0);
  });

  it("one card per table that cannot be read, naming the privilege from the error and the checks it blocks", async () => {
    const error = { errorCode: 2147746336, code: "0x80040220", message: "Principal user (Id=1, type=8) is missing prvReadEmailServerProfile privilege (Id=2) on OTC=9605" };
    const r = await diagnose(healthyDump(), { failures: { emailserverprofile: error } });
    const p = presented(r);
    const profile = p.unreadable.find((u) => u.data === "profile");
    expect(profile?.privilege).toBe("prvReadEmailServerProfile");
    expect(profile?.findings.length).toBeGreaterThan(1);
    for (const f of profile?.findings ?? []) {
      expect(unreadableDataOf(f)).toBe("profile");
      expect(p.list).not.toContain(f);
    }
  });

  it("privilegeIn takes the prv name and nothing else, on long input too", () => {
    expect(privilegeIn("… is missing prvReadTraceLog privilege")).toBe("prvReadTraceLog");
    expect(privilegeIn("no privilege named")).toBeUndefined();
    expect(privilegeIn(undefined)).toBeUndefined();
    const started = Date.now();
    expect(privilegeIn("prv".repeat(100000))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(200);
  });

  it("an alert quoted as evidence is referred to when the alert list shows it, its details dropped", async () => {
    const r = await diagnose(healthyDump({ emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_EXO, { errordetails: "details" })] }));
    const f = r.findings.find((x) => x.rule === "hybrid-profile-for-exchange-online") as Finding;
    const alerts = recent(r);
    expect(alertQuoted(f, alerts)).toBe(alerts[0]);
    const rows = evidenceRows(f, alerts);
    expect(rows.find((x) => x.field === "tracelog.text")?.alert).toBe(alerts[0]);
    expect(rows.some((x) => x.field === "tracelog.errordetails")).toBe(false);
    // Without the list (the form hides it) the text itself is shown.
    expect(evidenceRows(f, undefined).find((x) => x.field === "tracelog.text")?.alert).toBeUndefined();
  });

  it("a profile column with the same value in both directions is one row; different values stay two", () => {
    const base = { rule: "ews-basic-auth", cause: 5, status: "problem", detail: { key: "x" }, fix: [], links: [] } as unknown as Finding;
    const protocol = (v: number) => ({ option: "authenticationprotocol", value: v }) as const;
    const same = evidenceRows({ ...base, evidence: [
      { field: "emailserverprofile.incomingauthenticationprotocol", value: protocol(3) },
      { field: "emailserverprofile.outgoingauthenticationprotocol", value: protocol(3) },
    ] }, undefined);
    expect(same.map((r) => [r.column, r.logical])).toEqual([["authenticationprotocol", "incomingauthenticationprotocol, outgoingauthenticationprotocol"]]);
    const apart = evidenceRows({ ...base, evidence: [
      { field: "emailserverprofile.incomingauthenticationprotocol", value: protocol(3) },
      { field: "emailserverprofile.outgoingauthenticationprotocol", value: protocol(2) },
    ] }, undefined);
    expect(apart.map((r) => r.column)).toEqual(["incomingauthenticationprotocol", "outgoingauthenticationprotocol"]);
  });

  it("'Fix the causes above' is left out when no problem is listed above", async () => {
    const finding: Finding = {
      rule: "processing-schedule",
      cause: null,
      status: "warning",
      detail: { key: "Schedule_Postponed" },
      evidence: [],
      fix: [{ key: "Schedule_Fix_FixCauseFirst" }, { key: "Fix_TestEnable" }],
      links: [],
    };
    expect(ownSteps(finding, { list: [finding], sameAs: new Map() })).toEqual([]);
    expect(leadOf([finding], [])?.why).toBe("warning");
  });

  it("a fix ends with a test only when its last step is the shared Test & Enable step", () => {
    const withFix = (...keys: string[]): Finding => ({
      rule: "exchange-online-license",
      cause: 3,
      status: "problem",
      detail: { key: "License_Problem" },
      evidence: [],
      fix: keys.map((key) => ({ key })),
      links: [],
    });
    expect(endsWithTest(withFix("License_Fix_Assign", "License_Fix_Wait", "Fix_TestEnable"))).toBe(true);
    expect(endsWithTest(withFix("AddressMismatch_Fix_SetAddress", "Fix_SaveAndTestEnable"))).toBe(true);
    expect(endsWithTest(withFix("License_Fix_AccessMode", "Fix_TestEnable", "License_Fix_Check"))).toBe(false);
    expect(endsWithTest(withFix("Fix_GrantReadAndRecheck"))).toBe(false);
    expect(endsWithTest(withFix())).toBe(false);
  });

  it("recognizes a link to the mailbox on the form", () => {
    expect(isThisRecord(`https://x/main.aspx?pagetype=entityrecord&etn=mailbox&id=${IDS.mailbox.toUpperCase()}`, IDS.mailbox)).toBe(true);
    expect(isThisRecord(`https://x/main.aspx?pagetype=entityrecord&etn=systemuser&id=${IDS.mailbox}`, IDS.mailbox)).toBe(false);
  });
});
