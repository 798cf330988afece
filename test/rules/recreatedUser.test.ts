import { alertRow, ALERT_401_EN, findingOf, findingsOf, healthyDump, hybridProfileRow, IDS, mailboxRow, userRow } from "../support/rows";

const rule = "recreated-user" as const;

describe("recreated-user (cause 6)", () => {
  it("ok for an existing user and no such alert", async () => {
    expect(await findingOf(rule, healthyDump())).toMatchObject({ status: "ok", cause: 6 });
  });

  it.each([
    ["the token in the details", { errordetails: "NoUserFoundWithGivenClaims" }],
    ["the sentence", { errordetails: "User does not exist in tenant with id '72f988bf-86f1-41af-91ab-2d7cd011db47'." }],
  ])("problem when an alert carries %s", async (_what, over) => {
    const f = await findingOf(rule, healthyDump({ tracelogs: [alertRow(ALERT_401_EN, over)] }));
    expect(f.status).toBe("problem");
    expect(f.evidence.map((e) => e.field)).toEqual(["tracelog.text", "tracelog.errordetails"]);
  });

  it.each([1, 2])("problem when the owner's azurestate is %i", async (azurestate) => {
    const f = await findingOf(rule, healthyDump({ systemusers: [userRow({ azurestate })] }));
    expect(f).toMatchObject({ status: "problem", detail: { key: "Recreated_ProblemAzureState" } });
    expect(f.evidence).toEqual([{ field: "systemuser.azurestate", value: { option: "azurestate", value: azurestate } }]);
  });

  it("not applicable for queues and for a mailbox nothing places in Exchange Online", async () => {
    expect(
      (await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ _regardingobjectid_value: IDS.queue, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue" })] })))
        .status,
    ).toBe("not-applicable");
    const onPremises = mailboxRow({ ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx" });
    expect((await findingOf(rule, healthyDump({ mailboxes: [onPremises], emailserverprofiles: [hybridProfileRow()] }))).status).toBe("not-applicable");
  });

  it("unverified when the owner cannot be read", async () => {
    expect((await findingOf(rule, healthyDump(), { failures: { systemuser: { status: 403, message: "Forbidden" } } })).status).toBe("unverified");
  });
});

describe("recreated-user: what ok rests on", () => {
  it("unverified, not ok, for a mailbox without an owner: no azurestate was read (rules.md: ok otherwise (with azurestate read))", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ _regardingobjectid_value: null, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": undefined })] }));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "Recreated_UnverifiedNoOwner" } });
  });

  it("a mailbox without an owner: each check that needs the owner says so in its own sentence, none twice", async () => {
    const all = await findingsOf(healthyDump({ mailboxes: [mailboxRow({ _regardingobjectid_value: null, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": undefined })] }));
    const details = (["address-mismatch", "owner-state", "recreated-user", "email-approval"] as const).map((r) => all[r].detail.key);
    expect(details).toEqual(["Detail_NoOwner", "Owner_UnverifiedNoOwner", "Recreated_UnverifiedNoOwner", "Approval_UnverifiedNoOwner"]);
    expect(all["email-approval"].status).toBe("unverified");
    // The step to check the owner, and the link to the mailbox, are owner-state's; no other check says them again.
    const rules = ["address-mismatch", "owner-state", "recreated-user", "email-approval"] as const;
    expect(rules.filter((r) => all[r].fix.some((m) => m.key === "Fix_CheckOwner"))).toEqual(["owner-state"]);
    expect(rules.filter((r) => all[r].fix.length > 0)).toEqual(["owner-state"]);
    expect(rules.filter((r) => all[r].links.some((l) => l.label.key === "Link_OpenMailbox"))).toEqual(["owner-state"]);
  });
});
