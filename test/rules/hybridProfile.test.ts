import { alertRow, ALERT_401_EN, findingOf, healthyDump, hybridProfileRow, mailboxRow, exoProfileRow } from "../support/rows";

const rule = "hybrid-profile-for-exchange-online" as const;
const onPremMailbox = mailboxRow({ ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx" });

describe("hybrid-profile-for-exchange-online (cause 2)", () => {
  it("ok for the Exchange Online profile", async () => {
    const f = await findingOf(rule, healthyDump());
    expect(f).toMatchObject({ status: "ok", cause: 2, detail: { key: "HybridProfile_OkExchangeOnline" } });
  });

  it("problem: hybrid profile and the mailbox's EWS URL is Exchange Online", async () => {
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [hybridProfileRow()] }));
    expect(f.status).toBe("problem");
    expect(f.evidence).toContainEqual({ field: "mailbox.ewsurl", value: "https://outlook.office365.com/EWS/Exchange.asmx" });
    expect(f.evidence).toContainEqual({ field: "emailserverprofile.servertype", value: { option: "servertype", value: 2 } });
  });

  it("problem: hybrid profile whose server location is an Exchange Online host", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [hybridProfileRow({ incomingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx" })] }),
    );
    expect(f.status).toBe("problem");
  });

  it("problem: an alert names an Exchange Online host", async () => {
    const f = await findingOf(
      rule,
      healthyDump({
        mailboxes: [onPremMailbox],
        emailserverprofiles: [hybridProfileRow()],
        tracelogs: [alertRow("Autodiscover returned https://outlook.office365.com/EWS/Exchange.asmx for alexw@contoso.com. " + ALERT_401_EN)],
      }),
    );
    expect(f.status).toBe("problem");
    expect(f.evidence.some((e) => e.field === "tracelog.text")).toBe(true);
  });

  it("warning: hybrid profile, on-premises host, but 401 alerts", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_401_EN)] }),
    );
    expect(f.status).toBe("warning");
    expect(f.fix[0].key).toBe("HybridProfile_Fix_ConfirmOnPremises");
  });

  it("ok: hybrid profile with an on-premises EWS host and no 401", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [hybridProfileRow()] }));
    expect(f).toMatchObject({ status: "ok", detail: { key: "HybridProfile_OkOnPremises", args: { host: "mail.contoso.com" } } });
  });

  it("not applicable for an on-premises org", async () => {
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [hybridProfileRow()], RetrieveCurrentOrganization: null }), {
      clientUrl: "https://crm.contoso.local/contoso",
    });
    expect(f.status).toBe("not-applicable");
    expect(f.detail.key).toBe("NotApplicable_OnPremisesOrg");
  });

  it("not applicable without a profile, or for POP/IMAP", async () => {
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ _emailserverprofile_value: null })] }))).status).toBe("not-applicable");
    expect((await findingOf(rule, healthyDump({ emailserverprofiles: [exoProfileRow({ servertype: 4, emailservertypename: "IMAP/SMTP" })] }))).status).toBe(
      "not-applicable",
    );
  });

  it("unverified when the profile cannot be read", async () => {
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [] }));
    expect(f.status).toBe("unverified");
    expect(f.detail).toMatchObject({ key: "Detail_CannotRead", args: { data: { key: "Data_profile" } } });
  });
});

describe("hybrid-profile-for-exchange-online: where the mailbox is, unknown", () => {
  it("unverified, not ok, when no server location and no EWS URL say where the mailbox is (rules.md: ok for hybrid with an on-premises EWS host)", async () => {
    const profile = hybridProfileRow({ useautodiscover: true, incomingserverlocation: null, outgoingserverlocation: null, defaultserverlocation: null });
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [profile], mailboxes: [mailboxRow({ ewsurl: null })], tracelogs: [] }));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "HybridProfile_UnverifiedNoHost" } });
    expect(f.evidence.map((e) => e.field)).toEqual(["emailserverprofile.servertype", "emailserverprofile.incomingserverlocation", "mailbox.ewsurl"]);
  });
});

describe("hybrid-profile-for-exchange-online: each location under its own column", () => {
  it("problem: an Exchange Online host in the outgoing location is shown as the outgoing location", async () => {
    const profile = hybridProfileRow({ outgoingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx" });
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [profile], mailboxes: [mailboxRow({ ewsurl: null })] }));
    expect(f.status).toBe("problem");
    expect(f.evidence.map((e) => e.field)).toEqual(["emailserverprofile.servertype", "emailserverprofile.outgoingserverlocation"]);
  });

  it("ok: the host comes from the mailbox's EWS URL, and the sentence and the evidence say so", async () => {
    const profile = hybridProfileRow({ useautodiscover: true, incomingserverlocation: null, outgoingserverlocation: null, defaultserverlocation: null });
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [profile], mailboxes: [mailboxRow({ ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx" })] }));
    expect(f).toMatchObject({ status: "ok", detail: { key: "HybridProfile_OkOnPremisesEwsUrl", args: { host: "mail.contoso.com" } } });
    expect(f.evidence.map((e) => e.field)).toEqual(["emailserverprofile.servertype", "mailbox.ewsurl"]);
  });

  it("ok: the host comes from the default location when the others are empty", async () => {
    const profile = hybridProfileRow({ incomingserverlocation: null, outgoingserverlocation: " ", defaultserverlocation: "https://ex.contoso.com/EWS/Exchange.asmx" });
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [profile], mailboxes: [mailboxRow({ ewsurl: null })] }));
    expect(f).toMatchObject({ status: "ok", detail: { key: "HybridProfile_OkOnPremises", args: { host: "ex.contoso.com" } } });
    expect(f.evidence.map((e) => e.field)).toEqual(["emailserverprofile.servertype", "emailserverprofile.defaultserverlocation"]);
  });
});
