import { alertRow, ALERT_401_EN, findingOf, findingsOf, healthyDump, hybridProfileRow, mailboxRow } from "../support/rows";

const rule = "ews-basic-auth" as const;
const onPrem = mailboxRow({ ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx" });
const exchangeServer = (over = {}) =>
  hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", ...over });

describe("ews-basic-auth (cause 5)", () => {
  it("problem: online org → on-premises EWS with credentials and Basic, and 401 alerts", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [onPrem], emailserverprofiles: [exchangeServer()], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(f).toMatchObject({ status: "problem", cause: 5, detail: { key: "EwsBasic_Problem401" } });
    expect(f.evidence).toContainEqual({ field: "emailserverprofile.incomingauthenticationprotocol", value: { option: "authenticationprotocol", value: 3 } });
  });

  it("problem: the same through an Exchange Server (Hybrid) profile with Auto Detect", async () => {
    const f = await findingOf(
      rule,
      healthyDump({
        mailboxes: [onPrem],
        emailserverprofiles: [hybridProfileRow({ incomingauthenticationprotocol: 0, outgoingauthenticationprotocol: 0 })],
        tracelogs: [alertRow(ALERT_401_EN)],
      }),
    );
    expect(f.status).toBe("problem");
  });

  it("problem: plain http:// EWS URL", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ mailboxes: [onPrem], emailserverprofiles: [exchangeServer({ incomingserverlocation: "http://mail.contoso.com/EWS/Exchange.asmx" })] }),
    );
    expect(f).toMatchObject({ status: "problem", detail: { key: "EwsBasic_ProblemPlainHttp" } });
  });

  // The evidence names the column that holds the http:// URL, not always the incoming location.
  it.each([
    ["outgoingserverlocation", { emailserverprofiles: [exchangeServer({ outgoingserverlocation: "http://mail.contoso.com/EWS/Exchange.asmx" })] }],
    ["defaultserverlocation", { emailserverprofiles: [exchangeServer({ defaultserverlocation: " HTTP://mail.contoso.com/EWS/Exchange.asmx" })] }],
  ])("problem: plain http:// in %s is named as that column", async (column, tables) => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [onPrem], ...tables }));
    expect(f.status).toBe("problem");
    expect(f.evidence.map((e) => e.field)).toEqual([`emailserverprofile.${column}`]);
  });

  it("problem: plain http:// in the mailbox's EWS URL is named as mailbox.ewsurl", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ mailboxes: [{ ...onPrem, ewsurl: "http://mail.contoso.com/EWS/Exchange.asmx" }], emailserverprofiles: [exchangeServer()] }),
    );
    expect(f).toMatchObject({ status: "problem", evidence: [{ field: "mailbox.ewsurl", value: "http://mail.contoso.com/EWS/Exchange.asmx" }] });
  });

  it("warning: Basic without 401 alerts (it works only while Basic stays enabled)", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [onPrem], emailserverprofiles: [exchangeServer()] }));
    expect(f).toMatchObject({ status: "warning", detail: { key: "EwsBasic_WarningBasicNeeded" } });
  });

  // Each direction's EWS URL is judged apart: a right incoming one does not clear a wrong outgoing one.
  it.each(["incomingserverlocation", "outgoingserverlocation"])("warning: autodiscover off and the %s does not end in /EWS/Exchange.asmx (NTLM)", async (column) => {
    const f = await findingOf(
      rule,
      healthyDump({
        mailboxes: [onPrem],
        emailserverprofiles: [exchangeServer({ incomingauthenticationprotocol: 2, outgoingauthenticationprotocol: 2, [column]: "https://mail.contoso.com/owa" })],
      }),
    );
    expect(f).toMatchObject({ status: "warning", detail: { key: "EwsBasic_WarningEwsUrl" } });
  });

  it("ok: Hybrid Modern Authentication", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ mailboxes: [onPrem], emailserverprofiles: [exchangeServer({ incomingcredentialretrieval: 6, outgoingcredentialretrieval: 6, incomingauthenticationprotocol: 4 })], tracelogs: [alertRow(ALERT_401_EN)] }),
    );
    expect(f).toMatchObject({ status: "ok", detail: { key: "EwsBasic_OkHybridModernAuth" } });
  });

  it("ok: NTLM without 401", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ mailboxes: [onPrem], emailserverprofiles: [exchangeServer({ incomingauthenticationprotocol: 2, outgoingauthenticationprotocol: 2 })] }),
    );
    expect(f.status).toBe("ok");
  });

  it("not applicable for Exchange Online profiles and on-premises orgs", async () => {
    expect((await findingOf(rule, healthyDump())).status).toBe("not-applicable");
    expect((await findingOf(rule, healthyDump({ emailserverprofiles: [exchangeServer()], RetrieveCurrentOrganization: null }), { clientUrl: null })).status).toBe(
      "not-applicable",
    );
  });
});

describe("ews-basic-auth and cause 2", () => {
  it("a hybrid profile for a mailbox that lives in Exchange Online is cause 2, not cause 5", async () => {
    const all = await findingsOf(healthyDump({ emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(all["hybrid-profile-for-exchange-online"].status).toBe("problem");
    expect(all["ews-basic-auth"]).toMatchObject({ status: "not-applicable", detail: { key: "NotApplicable_NotOnPremisesExchange" } });
  });
});
