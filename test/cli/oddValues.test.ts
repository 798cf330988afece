/** @jest-environment node */
/**
 * Rows with odd values (unknown option integers, nulls, wrong types, missing columns) are diagnosed, not
 * crashed on: the checks that need them say `unverified` and why.
 */
import { NOW, demoDump, demoMailbox, runIn, runJson, writeTemp } from "./helpers";
import type { Json } from "./helpers";

async function diagnose(dump: Json, mailboxId: string): Promise<{ status: number | null; mailbox: Json; byRule: Record<string, Json> }> {
  const { status, report } = await runJson(["diagnose", writeTemp(`odd-${Math.random().toString(36).slice(2)}.json`, dump), "--mailbox", mailboxId, "--now", NOW]);
  const mailbox = report.mailboxes[0];
  return { status, mailbox, byRule: Object.fromEntries(mailbox.findings.map((f: Json) => [f.rule, f])) };
}

describe("odd values in the dump", () => {
  it("an unknown option value: unverified, and the evidence says the value is unknown", async () => {
    const dump = demoDump();
    const alex = demoMailbox(dump, "Healthy user — Alex Wilber");
    alex.incomingemailstatus = 7;
    alex.emailrouteraccessapproval = 9;
    const { byRule, mailbox } = await diagnose(dump, alex.mailboxid);
    expect(byRule["mailbox-state"].status).toBe("unverified");
    expect(byRule["mailbox-state"].detail).toBe("The test status of incoming email was not returned or has an unknown value.");
    expect(byRule["mailbox-state"].evidence).toEqual([{ field: "mailbox.incomingemailstatus", value: "7 (unknown value)" }]);
    expect(byRule["email-approval"].status).toBe("unverified");
    expect(byRule["email-approval"].evidence).toContainEqual({ field: "mailbox.emailrouteraccessapproval", value: "9 (unknown value)" });
    expect(mailbox.verdict).toBe("unverified");
  });

  it("wrong types and missing columns are unknown, never false or empty", async () => {
    const dump = demoDump();
    const alex = demoMailbox(dump, "Healthy user — Alex Wilber");
    const user = dump.systemusers.find((u: Json) => u.systemuserid === alex._regardingobjectid_value);
    user.isdisabled = "no";
    delete user.accessmode;
    alex.emailrouteraccessapproval = "1";
    delete alex.actdeliverymethod;
    const { byRule } = await diagnose(dump, alex.mailboxid);
    expect(byRule["owner-state"].status).toBe("unverified");
    expect(byRule["owner-state"].evidence).toEqual([
      { field: "systemuser.isdisabled", value: "(not returned)" },
      { field: "systemuser.accessmode", value: "(not returned)" },
    ]);
    expect(byRule["email-approval"].status).toBe("unverified");
    expect(byRule["mailbox-state"].detail).toBe("One of the mailbox's delivery methods was not returned, is empty, or has a value that is not documented.");
    expect(byRule["processing-schedule"].status).toBe("unverified");
    // Each thing once: the schedule check says what it cannot judge, not the reason again.
    expect(byRule["processing-schedule"].detail).toBe("Whether server-side synchronization handles this mailbox is not known, so its schedule cannot be judged.");
  });

  it("nulls are empty: an empty address is a problem, with the evidence saying so", async () => {
    const dump = demoDump();
    const alex = demoMailbox(dump, "Healthy user — Alex Wilber");
    alex.emailaddress = null;
    alex.name = null;
    alex.statecode = null;
    const r = await diagnose(dump, alex.mailboxid);
    expect(r.mailbox).toMatchObject({ name: null, emailaddress: null, verdict: "problem" });
    expect(r.byRule["address-mismatch"].status).toBe("problem");
    expect(r.byRule["address-mismatch"].evidence).toEqual([{ field: "mailbox.emailaddress", value: "(empty)" }]);
    expect(r.status).toBe(1);
    const table = await runIn(["diagnose", writeTemp("nulls.json", dump), "--mailbox", alex.mailboxid, "--now", NOW]);
    expect(table.stdout).toContain(alex.mailboxid); // no name, no address: the id names the mailbox
  });

  it("a profile that cannot be classified, an owner missing from the dump, alerts with odd levels", async () => {
    const dump = demoDump();
    const lee = demoMailbox(dump, "Cause 2");
    const profile = dump.emailserverprofiles.find((p: Json) => p.emailserverprofileid === lee._emailserverprofile_value);
    for (const column of ["servertype", "emailservertypename", "incomingcredentialretrieval", "outgoingcredentialretrieval"]) profile[column] = null;
    profile.incomingserverlocation = profile.outgoingserverlocation = 12;
    dump.systemusers = dump.systemusers.filter((u: Json) => u.systemuserid !== lee._regardingobjectid_value);
    for (const t of dump.tracelogs) if (t._regardingobjectid_value === lee.mailboxid) t.level = "3";
    const { byRule, status } = await diagnose(dump, lee.mailboxid);
    expect(status).toBe(0);
    expect(byRule["hybrid-profile-for-exchange-online"].status).toBe("unverified");
    expect(byRule["hybrid-profile-for-exchange-online"].detail).toMatch(/^Could not read the email server profile: /);
    expect(byRule["address-mismatch"].status).toBe("unverified");
    expect(byRule["address-mismatch"].detail).toMatch(/^Could not read the owner \(user or queue\): /);
    expect(byRule["owner-state"].status).toBe("unverified");
  });

  it("a tracelog about nothing, extra tables and annotations are ignored", async () => {
    const dump = demoDump();
    dump.tracelogs.push({ tracelogid: "3b0a7c5d-1e2f-4a6b-8c9d-0e1f2a3b4c5e", text: null, level: 3 });
    dump.accounts = [{ accountid: "x" }];
    dump.mailboxes[0]["name@OData.Community.Display.V1.FormattedValue"] = 7;
    const { report, status } = await runJson(["diagnose", writeTemp("extra.json", dump), "--now", NOW]);
    expect(status).toBe(1);
    expect(report.mailboxes).toHaveLength(14);
    expect(report.mailboxes[0].verdict).toBe("ok");
  });
});
