import { findingOf, healthyDump, IDS, mailboxRow, organizationRow } from "../support/rows";

const rule = "email-approval" as const;
const queueMailbox = (over = {}) =>
  mailboxRow({ _regardingobjectid_value: IDS.queue, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue", emailaddress: "support@contoso.com", ...over });

describe("email-approval", () => {
  it("ok when approved", async () => {
    expect(await findingOf(rule, healthyDump())).toMatchObject({ status: "ok", cause: null });
  });

  it.each([0, 2, 3])("problem when approval is required and the status is %i", async (value) => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ emailrouteraccessapproval: value })] }));
    expect(f.status).toBe("problem");
    expect(f.evidence).toContainEqual({ field: "mailbox.emailrouteraccessapproval", value: { option: "approval", value } });
  });

  it("uses the queue setting for a queue mailbox", async () => {
    const dump = healthyDump({ mailboxes: [queueMailbox({ emailrouteraccessapproval: 2 })], organizations: [organizationRow({ requireapprovalforqueueemail: false })] });
    expect(await findingOf(rule, dump)).toMatchObject({ status: "not-applicable", detail: { key: "Approval_NotRequiredQueue" } });
    const required = healthyDump({ mailboxes: [queueMailbox({ emailrouteraccessapproval: 2 })], organizations: [organizationRow({ requireapprovalforuseremail: false })] });
    expect((await findingOf(rule, required)).status).toBe("problem");
  });

  it("not applicable when the org does not require approval", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ emailrouteraccessapproval: 2 })], organizations: [organizationRow({ requireapprovalforuseremail: false })] }));
    expect(f.status).toBe("not-applicable");
  });

  it("warning when approved in Dynamics 365 but not by a Microsoft 365 admin (Exchange Online)", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ isemailaddressapprovedbyo365admin: false })] }));
    expect(f.status).toBe("warning");
  });

  it("unverified for an unknown option value or an unreadable org", async () => {
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ emailrouteraccessapproval: 7 })] }))).status).toBe("unverified");
    expect((await findingOf(rule, healthyDump(), { failures: { organization: { status: 403, message: "no prvReadOrganization" } } })).status).toBe(
      "unverified",
    );
    const org = organizationRow();
    delete org.requireapprovalforuseremail;
    expect((await findingOf(rule, healthyDump({ organizations: [org] }))).status).toBe("unverified");
  });
});
