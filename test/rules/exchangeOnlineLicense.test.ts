import { PRIVILEGE_ERROR, alertRow, ALERT_401_CS, ALERT_401_EN, findingOf, healthyDump, hybridProfileRow, IDS, mailboxRow, userRow } from "../support/rows";

const rule = "exchange-online-license" as const;

describe("exchange-online-license (cause 3)", () => {
  it("ok when the last Test & Enable succeeded in every direction and no 401 came after it", async () => {
    const f = await findingOf(rule, healthyDump());
    expect(f).toMatchObject({ status: "ok", cause: 3, detail: { key: "License_OkMailFlows" } });
  });

  it.each([
    ["the hex code", "Test and Enable failed. Error code 8005E274: The mailbox isn't enabled for REST API."],
    ["the token", "MailboxNotEnabledForRESTAPI: The mailbox is either inactive, soft-deleted, or is hosted on-premise."],
    ["the signed code", "Chyba -2147097994: Uživatel nemá platnou licenci pro Exchange."],
    ["ErrorInvalidLicense", "E-maily nelze přijímat. ErrorInvalidLicense"],
  ])("problem when an alert carries %s", async (_what, text) => {
    const f = await findingOf(rule, healthyDump({ tracelogs: [alertRow(text)] }));
    expect(f.status).toBe("problem");
    expect(f.links[0].url).toBe("https://admin.microsoft.com/Adminportal/Home#/users");
  });

  it("unverified with a link to the admin center's users and the user's Entra object id when a 401 came after the last test (Czech alert text)", async () => {
    const f = await findingOf(rule, healthyDump({ tracelogs: [alertRow(ALERT_401_CS)] }));
    expect(f.status).toBe("unverified");
    expect(f.links.map((l) => l.label.key)).toEqual(["Link_M365Users", "Link_Learn_InvalidLicense"]);
    expect(f.evidence).toContainEqual(expect.objectContaining({ field: "systemuser.azureactivedirectoryobjectid" }));
  });

  it("unverified, linking to the user list, when the Entra object id is unknown and no test succeeded", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ mailboxes: [mailboxRow({ incomingemailstatus: 0 })], systemusers: [userRow({ azureactivedirectoryobjectid: null })] }),
    );
    expect(f.status).toBe("unverified");
    expect(f.links[0].url).toBe("https://admin.microsoft.com/Adminportal/Home#/users");
  });

  it("not applicable for a queue (shared mailbox) and for a mailbox nothing places in Exchange Online", async () => {
    const queue = await findingOf(
      rule,
      healthyDump({ mailboxes: [mailboxRow({ _regardingobjectid_value: IDS.queue, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue" })] }),
    );
    expect(queue.status).toBe("not-applicable");
    const onPremises = mailboxRow({ ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx" });
    const hybrid = await findingOf(rule, healthyDump({ mailboxes: [onPremises], emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(hybrid.status).toBe("not-applicable");
  });

  it("unverified, never ok, when the alerts cannot be read (no privilege on tracelog)", async () => {
    const f = await findingOf(rule, healthyDump(), { failures: { tracelog: PRIVILEGE_ERROR } });
    expect(f.status).toBe("unverified");
    expect(f.detail).toEqual({ key: "Detail_CannotRead", args: { data: { key: "Data_alerts" }, reason: { key: "DataError_privilege" } } });
  });
});
