import { exoProfileRow, findingOf, healthyDump, hybridProfileRow, mailboxRow } from "../support/rows";

const rule = "exchange-online-basic-auth" as const;
const legacy = (over = {}) =>
  exoProfileRow({
    name: "Exchange Online (legacy credentials)",
    emailservertypename: "Exchange Server",
    incomingcredentialretrieval: 1,
    outgoingcredentialretrieval: 1,
    incomingauthenticationprotocol: 3,
    outgoingauthenticationprotocol: 3,
    incomingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx",
    outgoingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx",
    ...over,
  });

describe("exchange-online-basic-auth (retired October 2022)", () => {
  it("problem: credentials + Basic to outlook.office365.com", async () => {
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [legacy()] }));
    expect(f).toMatchObject({ status: "problem", cause: null });
    expect(f.links.map((l) => l.url)).toContain("https://learn.microsoft.com/en-us/power-platform/admin/use-basic-authentication-exchange-online");
  });

  it("problem: Auto Detect with credentials to a bare host name", async () => {
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [legacy({ incomingauthenticationprotocol: 0, incomingserverlocation: "outlook.office365.com", outgoingserverlocation: null })] }));
    expect(f.status).toBe("problem");
  });

  it("ok: server-to-server to the same host", async () => {
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [exoProfileRow({ incomingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx" })] }));
    expect(f.status).toBe("ok");
  });

  it("ok for the default Exchange Online profile (server-to-server); not applicable when nothing signs in to Exchange Online", async () => {
    expect((await findingOf(rule, healthyDump())).status).toBe("ok");
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [hybridProfileRow()] }))).status).toBe("not-applicable");
  });

  it("each column once in the evidence: two directions without a location name the default one once", async () => {
    const f = await findingOf(rule, healthyDump({ emailserverprofiles: [legacy({ incomingserverlocation: null, outgoingserverlocation: null })] }));
    expect(f.status).toBe("problem");
    const fields = f.evidence.map((e) => e.field);
    expect(fields.filter((x) => x === "emailserverprofile.defaultserverlocation")).toHaveLength(1);
    expect(fields.filter((x) => x === "emailserverprofile.servertype")).toHaveLength(1);
  });

  it("unverified when the sign-in columns were not returned", async () => {
    const profile = legacy();
    delete profile.incomingcredentialretrieval;
    delete profile.outgoingcredentialretrieval;
    expect((await findingOf(rule, healthyDump({ emailserverprofiles: [profile] }))).status).toBe("unverified");
  });
});

describe("exchange-online-basic-auth: the mailbox's EWS URL", () => {
  it("problem: the mailbox's ewsurl is Exchange Online and a direction signs in with credentials, whatever the profile's on-premises locations (rules.md: 'a profile server location (or the mailbox ewsurl) is an Exchange Online host and a direction signs in with credentials')", async () => {
    const f = await findingOf(
      rule,
      healthyDump({
        mailboxes: [mailboxRow({ ewsurl: "https://outlook.office365.com/EWS/Exchange.asmx" })],
        emailserverprofiles: [hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", useautodiscover: true })],
      }),
    );
    expect(f).toMatchObject({ status: "problem", detail: { key: "ExoBasic_Problem" } });
  });
});
