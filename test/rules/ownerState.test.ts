import { alertRow, ALERT_401_EN, findingOf, healthyDump, IDS, mailboxRow, queueRow, userRow } from "../support/rows";

const rule = "owner-state" as const;
const queueMailbox = mailboxRow({ _regardingobjectid_value: IDS.queue, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue", emailaddress: "support@contoso.com" });

describe("owner-state", () => {
  it("ok for an enabled Read-Write user and for an active queue", async () => {
    expect((await findingOf(rule, healthyDump())).status).toBe("ok");
    expect((await findingOf(rule, healthyDump({ mailboxes: [queueMailbox] }))).status).toBe("ok");
  });

  it("problem for a disabled user", async () => {
    expect(await findingOf(rule, healthyDump({ systemusers: [userRow({ isdisabled: true })] }))).toMatchObject({ status: "problem", detail: { key: "Owner_UserDisabled" } });
  });

  it("problem for an inactive queue", async () => {
    expect(await findingOf(rule, healthyDump({ mailboxes: [queueMailbox], queues: [queueRow({ statecode: 1 })] }))).toMatchObject({
      status: "problem",
      detail: { key: "Owner_QueueInactive" },
    });
  });

  it.each([
    ["8005E273 (disabled in Entra)", "Error 8005E273: The user is disabled in Microsoft Entra ID.", "Owner_EntraDisabled"],
    ["8005E259 (no privilege)", "Error code 8005E259. " + ALERT_401_EN, "Owner_NoPrivilege"],
    ["UserPrivilegeError", "Test failed: UserPrivilegeError", "Owner_NoPrivilege"],
  ])("problem for an alert with %s", async (_what, text, key) => {
    expect(await findingOf(rule, healthyDump({ tracelogs: [alertRow(text)] }))).toMatchObject({ status: "problem", detail: { key } });
  });

  it.each([2, 3, 4, 5])("warning for access mode %i", async (accessmode) => {
    expect(await findingOf(rule, healthyDump({ systemusers: [userRow({ accessmode })] }))).toMatchObject({ status: "warning", detail: { key: "Owner_AccessMode" } });
  });

  it("warning for an application user", async () => {
    const f = await findingOf(rule, healthyDump({ systemusers: [userRow({ applicationid: "6a6b6c6d-0000-4000-8000-000000000001", accessmode: 4 })] }));
    expect(f).toMatchObject({ status: "warning", detail: { key: "Owner_ApplicationUser" } });
  });

  it("unverified when the owner cannot be read, or has no state columns", async () => {
    expect((await findingOf(rule, healthyDump(), { failures: { systemuser: { status: 403, message: "x" } } })).status).toBe("unverified");
    const user = userRow();
    delete user.isdisabled;
    expect((await findingOf(rule, healthyDump({ systemusers: [user] }))).status).toBe("unverified");
  });
});
