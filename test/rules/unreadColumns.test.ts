/**
 * The columns issue 9 names, one by one: each missing or wrongly typed, the rule that rests on it says
 * `unverified` and names it, where it used to say `ok`.
 */
import type { Row } from "../../MailboxHealth/data/webApiClient";
import type { RuleId } from "../../MailboxHealth/model/finding";
import { findingOf, findingsOf, healthyDump, hybridProfileRow, mailboxRow, userRow } from "../support/rows";

const without = (row: Row, column: string): Row => {
  const copy = { ...row };
  delete copy[column];
  return copy;
};

async function expectUnverifiedNaming(rule: RuleId, dump: Parameters<typeof findingOf>[1], field: string): Promise<void> {
  const f = await findingOf(rule, dump);
  expect([f.status, f.detail.key]).toEqual(["unverified", "Detail_ColumnsUnknown"]);
  expect(String(f.detail.args?.columns)).toContain(field);
  expect(f.evidence).toContainEqual({ field, value: { unknown: true } });
}

describe("never ok on a column that was not read", () => {
  it("the authentication protocols (on-premises NTLM profile)", async () => {
    const profile = without(
      hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", incomingauthenticationprotocol: 2, outgoingauthenticationprotocol: 2 }),
      "outgoingauthenticationprotocol",
    );
    await expectUnverifiedNaming(
      "ews-basic-auth",
      healthyDump({ mailboxes: [mailboxRow({ ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx" })], emailserverprofiles: [profile] }),
      "emailserverprofile.outgoingauthenticationprotocol",
    );
  });

  it("azurestate", async () => {
    await expectUnverifiedNaming("recreated-user", healthyDump({ systemusers: [without(userRow(), "azurestate")] }), "systemuser.azurestate");
  });

  it("azurestate of the wrong type", async () => {
    await expectUnverifiedNaming("recreated-user", healthyDump({ systemusers: [userRow({ azurestate: "0" })] }), "systemuser.azurestate");
  });

  it("the postponement columns, and a number where a date belongs", async () => {
    await expectUnverifiedNaming(
      "processing-schedule",
      healthyDump({ mailboxes: [mailboxRow({ postponemailboxprocessinguntil: Date.parse("2026-11-20T15:00:00Z") })] }),
      "mailbox.postponemailboxprocessinguntil",
    );
    await expectUnverifiedNaming("processing-schedule", healthyDump({ mailboxes: [without(mailboxRow(), "receivingpostponeduntil")] }), "mailbox.receivingpostponeduntil");
  });

  it("the last-sync column", async () => {
    await expectUnverifiedNaming(
      "processing-schedule",
      healthyDump({ mailboxes: [without(mailboxRow(), "lastsuccessfulsynccompletedon")] }),
      "mailbox.lastsuccessfulsynccompletedon",
    );
  });

  it("the mailbox statecode", async () => {
    await expectUnverifiedNaming("mailbox-state", healthyDump({ mailboxes: [without(mailboxRow(), "statecode")] }), "mailbox.statecode");
  });

  it("isemailaddressapprovedbyo365admin", async () => {
    await expectUnverifiedNaming(
      "email-approval",
      healthyDump({ mailboxes: [without(mailboxRow(), "isemailaddressapprovedbyo365admin")] }),
      "mailbox.isemailaddressapprovedbyo365admin",
    );
  });

  it("an alert's text", async () => {
    const alert = { tracelogid: "00000000-0000-4000-8000-00000000f00d", errordetails: null, level: 3, createdon: "2026-11-20T07:00:00Z", modifiedon: "2026-11-20T07:30:00Z", _regardingobjectid_value: mailboxRow().mailboxid };
    await expectUnverifiedNaming("address-mismatch", healthyDump({ tracelogs: [alert] }), "tracelog.text");
  });
});

describe("a lookup that was not returned is not an empty lookup", () => {
  it("without _emailserverprofile_value the profile is unknown, not absent: no 'no profile'", async () => {
    const mailbox = without(mailboxRow(), "_emailserverprofile_value");
    delete mailbox["_emailserverprofile_value@Microsoft.Dynamics.CRM.lookuplogicalname"];
    const all = await findingsOf(healthyDump({ mailboxes: [mailbox], emailserverprofiles: [hybridProfileRow()] }));
    for (const rule of ["hybrid-profile-for-exchange-online", "ews-basic-auth", "exchange-online-basic-auth"] as const) {
      expect([rule, all[rule].status]).toEqual([rule, "unverified"]);
    }
  });

  it("an empty _emailserverprofile_value (null) is no profile", async () => {
    const f = await findingOf("exchange-online-basic-auth", healthyDump({ mailboxes: [mailboxRow({ _emailserverprofile_value: null })] }));
    expect(f).toMatchObject({ status: "not-applicable", detail: { key: "NotApplicable_NoProfile" } });
  });
});
