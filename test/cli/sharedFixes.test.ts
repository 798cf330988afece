/** @jest-environment node */
/**
 * Fixes found while building the command line, in the shared modules the control runs too
 * (MailboxHealth/rules/facts.ts, MailboxHealth/data/orgDump.ts), tested through the org-dump pipeline.
 */
import { OrgDumpError, validateOrgDump } from "../../MailboxHealth/data/orgDump";
import { is401 } from "../../MailboxHealth/rules/facts";
import type { AlertFacts } from "../../MailboxHealth/model/snapshot";
import { NOW, demoDump, demoMailbox, runJson, writeTemp } from "./helpers";
import type { Json } from "./helpers";

const alert = (text: string, details: string | null = null): AlertFacts => ({
  id: "a",
  about: "mailbox",
  text,
  details,
  level: 3,
  createdOn: null,
  modifiedOn: null,
});

describe("is401: a 401 status, not the digits 401 inside a GUID", () => {
  it("ignores a tenant or correlation id that happens to contain 401", () => {
    expect(is401(alert("Test and Enable failed.", "User does not exist in tenant with id '6f3a401c-58e2-4b6d-9c0a-2e7d1f8b3a55'."))).toBe(false);
    expect(is401(alert("Activity ID: c2401d9e-0b1f-4c5a-8e3d-7a6b5c4d3e2f. The mailbox could not be reached."))).toBe(false);
  });

  it("still finds the status code, in English, in Czech and in the details", () => {
    expect(is401(alert("Email Server Error Code: Http server returned 401 Unauthorized exception."))).toBe(true);
    expect(is401(alert("Kód chyby e-mailového serveru: Server HTTP vrátil výjimku 401 Unauthorized."))).toBe(true);
    expect(is401(alert("Failed.", "The remote server returned an error: (401) Unauthorized."))).toBe(true);
    expect(is401(alert("Error in tenant 6f3a401c-58e2-4b6d-9c0a-2e7d1f8b3a55: Http server returned 401 Unauthorized."))).toBe(true);
  });

  it("keeps a healthy mailbox healthy when a warning alert carries such an id", async () => {
    const dump = demoDump();
    const alex = demoMailbox(dump, "Healthy user — Alex Wilber");
    dump.tracelogs.push({
      tracelogid: "0d5b7c3e-2f1a-4e8b-9c6d-5a4b3c2d1e0f",
      _regardingobjectid_value: alex.mailboxid,
      level: 2,
      text: "Server-side synchronization retried an item for the mailbox Alex Wilber. Activity ID: 9e401f2a-3b4c-4d5e-8f6a-7b8c9d0e1f2a.",
      errordetails: null,
      createdon: "2026-11-20T08:30:00Z",
      modifiedon: "2026-11-20T08:30:00Z",
    });
    const { report } = await runJson(["diagnose", writeTemp("guid401.json", dump), "--mailbox", alex.mailboxid, "--now", NOW]);
    const statuses = Object.fromEntries(report.mailboxes[0].findings.map((f: Json) => [f.rule, f.status]));
    expect(statuses["address-mismatch"]).toBe("ok");
    expect(statuses["exchange-online-license"]).toBe("ok");
    expect(report.mailboxes[0].verdict).toBe("ok");
  });
});

describe("an org detail without TenantId is unknown, not on-premises", () => {
  it("makes the online-only rules say unverified instead of not applicable", async () => {
    const dump = demoDump();
    delete dump.RetrieveCurrentOrganization.Detail.TenantId;
    delete dump.RetrieveCurrentOrganization.Detail.Endpoints; // no org URL either: nothing tells online from on-premises
    const lee = demoMailbox(dump, "Cause 2");
    const { report } = await runJson(["diagnose", writeTemp("notenant.json", dump), "--mailbox", lee.mailboxid, "--now", NOW]);
    const byRule = Object.fromEntries(report.mailboxes[0].findings.map((f: Json) => [f.rule, f]));
    expect(byRule["hybrid-profile-for-exchange-online"].status).toBe("unverified");
    expect(byRule["hybrid-profile-for-exchange-online"].detail).toBe(
      "Could not read the organization's tenant: the request failed. This check needs it.",
    );
    // Lee's mailbox is in Exchange Online (cause 2's evidence), so the on-premises EWS check does not apply.
    expect(byRule["ews-basic-auth"].status).toBe("not-applicable");
    const onPremises = demoMailbox(dump, "Cause 5");
    const cause5 = await runJson(["diagnose", writeTemp("notenant5.json", dump), "--mailbox", onPremises.mailboxid, "--now", NOW]);
    const ews = cause5.report.mailboxes[0].findings.find((f: Json) => f.rule === "ews-basic-auth");
    expect(ews.status).toBe("unverified");
  });

  it("an on-premises org (no RetrieveCurrentOrganization, no online URL) is still not applicable", async () => {
    const dump = demoDump();
    delete dump.RetrieveCurrentOrganization;
    const lee = demoMailbox(dump, "Cause 2");
    const { report } = await runJson(["diagnose", writeTemp("onprem.json", dump), "--mailbox", lee.mailboxid, "--now", NOW]);
    const byRule = Object.fromEntries(report.mailboxes[0].findings.map((f: Json) => [f.rule, f.status]));
    expect(byRule["hybrid-profile-for-exchange-online"]).toBe("not-applicable");
  });
});

describe("validateOrgDump", () => {
  it("refuses the same row twice, whatever the case or braces of its id", () => {
    const dump = demoDump();
    const copy = { ...dump.mailboxes[2], mailboxid: `{${String(dump.mailboxes[2].mailboxid).toUpperCase()}}` };
    dump.mailboxes.push(copy);
    expect(() => validateOrgDump(dump)).toThrow(new OrgDumpError(`mailboxes[14] has the same "mailboxid" as mailboxes[2]`));
  });

  it("refuses an org detail that is not an object", () => {
    const dump = demoDump();
    dump.RetrieveCurrentOrganization.Detail = "62f746b4-84e6-4ceb-95bd-447e7184d454";
    expect(() => validateOrgDump(dump)).toThrow('"RetrieveCurrentOrganization.Detail" is not an object');
  });

  it("accepts the demo", () => {
    expect(() => validateOrgDump(demoDump())).not.toThrow();
  });
});
