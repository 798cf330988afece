/**
 * The causes as Microsoft documents them (issue 9): each describe block is one point of the issue.
 */
import type { RuleId } from "../../MailboxHealth/model/finding";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import { loadMailboxData } from "../../MailboxHealth/data/loadMailboxData";
import { buildSnapshot } from "../../MailboxHealth/data/buildSnapshot";
import { runRules } from "../../MailboxHealth/rules";
import {
  ALERT_401_CS,
  ALERT_401_EN,
  CLIENT_URL,
  IDS,
  NOW,
  alertRow,
  diagnose,
  exoProfileRow,
  findingOf,
  findingsOf,
  healthyDump,
  hybridProfileRow,
  mailboxRow,
  userRow,
} from "../support/rows";

const ON_PREM_EWS = "https://mail.contoso.com/EWS/Exchange.asmx";
const EXO_EWS = "https://outlook.office365.com/EWS/Exchange.asmx";
const exchangeServer = (over = {}) => hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", ...over });
/** Dynamics 365 on-premises → Exchange Online, server-to-server. */
const exoHybrid = (over = {}) =>
  exoProfileRow({
    name: "Exchange Online (Hybrid)",
    servertype: 3,
    emailservertypename: "Exchange Online (Hybrid)",
    ...over,
  });
const onPremisesOrg = { RetrieveCurrentOrganization: null } as const;

describe("Exchange Online by evidence, whatever the profile type", () => {
  it("an Exchange Online (Hybrid) profile of Dynamics 365 on-premises: causes 3 and 6 apply, cause 5 does not", async () => {
    const all = await findingsOf(
      healthyDump({
        ...onPremisesOrg,
        emailserverprofiles: [exoHybrid()],
        tracelogs: [alertRow(`${ALERT_401_EN} NoUserFoundWithGivenClaims`), alertRow("Email Server Error Code: MailboxNotEnabledForRESTAPI")],
      }),
      { clientUrl: "https://crm.contoso.local/contoso" },
    );
    expect(all["recreated-user"].status).toBe("problem");
    expect(all["exchange-online-license"].status).toBe("problem");
    expect(all["ews-basic-auth"].status).toBe("not-applicable");
  });

  it("an Exchange Server profile whose mailbox's EWS URL is Exchange Online: not cause 5; causes 3 and 6 are checked", async () => {
    const all = await findingsOf(
      healthyDump({
        mailboxes: [mailboxRow({ ewsurl: EXO_EWS })],
        emailserverprofiles: [exchangeServer({ incomingserverlocation: ON_PREM_EWS, outgoingserverlocation: ON_PREM_EWS })],
        tracelogs: [alertRow(ALERT_401_EN)],
      }),
    );
    expect(all["ews-basic-auth"]).toMatchObject({ status: "not-applicable", detail: { key: "NotApplicable_NotOnPremisesExchange" } });
    expect(all["exchange-online-license"].status).toBe("unverified");
    expect(all["recreated-user"].status).toBe("ok");
  });

  it("the retired-Basic-auth check covers an Exchange Online (Hybrid) profile that signs in with credentials", async () => {
    const f = await findingOf(
      "exchange-online-basic-auth",
      healthyDump({ ...onPremisesOrg, emailserverprofiles: [exoHybrid({ incomingcredentialretrieval: 1, outgoingcredentialretrieval: 1, incomingauthenticationprotocol: 3 })] }),
      { clientUrl: null },
    );
    expect(f).toMatchObject({ status: "problem", detail: { key: "ExoBasic_Problem" } });
  });
});

describe("credentials to Exchange Online fail whatever the protocol", () => {
  it.each([
    ["NTLM", 2],
    ["Negotiate", 1],
    ["Basic", 3],
  ])("a user name and password with %s to outlook.office365.com is the retired-Basic-auth problem", async (_name, protocol) => {
    const f = await findingOf(
      "exchange-online-basic-auth",
      healthyDump({
        emailserverprofiles: [
          exchangeServer({
            incomingserverlocation: EXO_EWS,
            outgoingserverlocation: EXO_EWS,
            incomingauthenticationprotocol: protocol,
            outgoingauthenticationprotocol: protocol,
          }),
        ],
      }),
    );
    expect(f).toMatchObject({ status: "problem", detail: { key: "ExoBasic_Problem" } });
  });
});

describe("directions apart", () => {
  it("Hybrid Modern Auth on incoming does not clear Basic on outgoing (on-premises EWS, 401)", async () => {
    const f = await findingOf(
      "ews-basic-auth",
      healthyDump({
        mailboxes: [mailboxRow({ ewsurl: ON_PREM_EWS })],
        emailserverprofiles: [exchangeServer({ incomingcredentialretrieval: 6, incomingauthenticationprotocol: 4, usesamesettingsforoutgoingconnections: false, outgoingcredentialretrieval: 1, outgoingauthenticationprotocol: 3 })],
        tracelogs: [alertRow(ALERT_401_EN)],
      }),
    );
    expect(f).toMatchObject({ status: "problem", detail: { key: "EwsBasic_Problem401" } });
    expect(f.evidence).toContainEqual({ field: "emailserverprofile.outgoingauthenticationprotocol", value: { option: "authenticationprotocol", value: 3 } });
  });

  it("server-to-server incoming does not clear credentials on outgoing to Exchange Online", async () => {
    const f = await findingOf(
      "exchange-online-basic-auth",
      healthyDump({ emailserverprofiles: [exoProfileRow({ usesamesettingsforoutgoingconnections: false, outgoingcredentialretrieval: 1, outgoingauthenticationprotocol: 2, outgoingserverlocation: "smtp.office365.com" })] }),
    );
    expect(f.status).toBe("problem");
    expect(f.evidence).toContainEqual({ field: "emailserverprofile.outgoingcredentialretrieval", value: { option: "credentialretrieval", value: 1 } });
  });
});

describe("error codes say what they say", () => {
  const restApi = "Test and Enable failed. Email Server Error Code: 8005E274 MailboxNotEnabledForRESTAPI";

  it("8005E274 with an on-premises EWS URL: names the three possibilities and starts the fix with the on-premises profile", async () => {
    const f = await findingOf("exchange-online-license", healthyDump({ mailboxes: [mailboxRow({ ewsurl: ON_PREM_EWS })], tracelogs: [alertRow(restApi)] }));
    expect(f.status).toBe("problem");
    expect(f.detail).toEqual({
      key: "License_ProblemNotEnabledForRest",
      args: { where: { key: "License_Data_EwsOnPremises", args: { host: "mail.contoso.com" } }, owner: { key: "License_Data_OwnerEnabled" } },
    });
    expect(f.fix[0].key).toBe("License_Fix_OnPremisesProfile");
    expect(f.fix.map((m) => m.key)).not.toContain("License_Fix_Assign");
    expect(f.links).toContainEqual({
      label: { key: "Link_Learn_Error8005E274" },
      url: "https://learn.microsoft.com/en-us/troubleshoot/power-platform/dataverse/email-exchange-synchronization/error-code-8005e274",
    });
  });

  it("8005E274 with a disabled owner: the fix starts with the account, not the licence", async () => {
    const f = await findingOf("exchange-online-license", healthyDump({ systemusers: [userRow({ isdisabled: true })], tracelogs: [alertRow(restApi)] }));
    expect(f.detail.args?.owner).toEqual({ key: "License_Data_OwnerDisabled" });
    expect(f.fix[0].key).toBe("License_Fix_EnableAccount");
  });

  it("8005E274 in Exchange Online with an enabled owner: the licence first", async () => {
    const f = await findingOf("exchange-online-license", healthyDump({ tracelogs: [alertRow(restApi)] }));
    expect(f.detail.args?.where).toEqual({ key: "License_Data_EwsOnline", args: { host: "outlook.office365.com" } });
    expect(f.fix[0].key).toBe("License_Fix_Assign");
  });

  it("8005E276 with the owner in Read access mode: the access mode first", async () => {
    const f = await findingOf("exchange-online-license", healthyDump({ systemusers: [userRow({ accessmode: 2 })], tracelogs: [alertRow("Email Server Error Code: 8005E276")] }));
    expect(f).toMatchObject({ status: "problem", detail: { key: "License_Problem8005E276AccessMode" } });
    expect(f.fix[0].key).toBe("License_Fix_AccessMode");
    expect(f.links).toContainEqual({
      label: { key: "Link_Learn_Error8005E276" },
      url: "https://learn.microsoft.com/en-us/troubleshoot/power-platform/dataverse/email-exchange-synchronization/error-code-8005e276",
    });
  });

  it("8005E276 with the owner in Read-Write access mode: the licence", async () => {
    const f = await findingOf("exchange-online-license", healthyDump({ tracelogs: [alertRow("Email Server Error Code: 8005E276")] }));
    expect(f).toMatchObject({ status: "problem", detail: { key: "License_Problem8005E276Licence" } });
    expect(f.fix[0].key).toBe("License_Fix_Assign");
  });

  it("ErrorNonExistentMailbox on a profile alert is the profile's user name, not cause 1", async () => {
    const all = await findingsOf(
      healthyDump({
        mailboxes: [mailboxRow({ ewsurl: ON_PREM_EWS })],
        emailserverprofiles: [exchangeServer({ incomingauthenticationprotocol: 2, outgoingauthenticationprotocol: 2 })],
        tracelogs: [alertRow("Test Connection failed: ErrorNonExistentMailbox", { _regardingobjectid_value: IDS.profile })],
      }),
    );
    expect(all["address-mismatch"].status).not.toBe("problem");
    expect(all["ews-basic-auth"]).toMatchObject({ status: "problem", detail: { key: "EwsBasic_ProblemUserNameNotUpn" } });
  });

  it("ErrorNonExistentMailbox on the mailbox's own alert is still cause 1", async () => {
    const f = await findingOf("address-mismatch", healthyDump({ tracelogs: [alertRow("Email Server Error Code: ErrorNonExistentMailbox")] }));
    expect(f).toMatchObject({ status: "problem", detail: { key: "AddressMismatch_NoExchangeMailbox" } });
  });
});

describe("a 401 is an HTTP status", () => {
  it.each([
    "The mailbox helpdesk401@contoso.com could not be synchronized. Email Server Error Code: Http server returned 503 Service Unavailable exception.",
    "Appointments for Room 401 could not be synchronized. Email Server Error Code: Http server returned 503 Service Unavailable exception.",
    "Item 401 of 950 failed; correlation id 40140140-1401-4401-8401-401401401401.",
    "Call the helpdesk at (401) 555-0100. Email Server Error Code: Http server returned 503 Service Unavailable exception.",
    "Mail to 401-unauthorized@contoso.com bounced. Email Server Error Code: Http server returned 503 Service Unavailable exception.",
  ])("not a 401: %s", async (text) => {
    const f = await findingOf("address-mismatch", healthyDump({ tracelogs: [alertRow(text)] }));
    expect(f.status).toBe("ok");
  });

  it.each([
    ALERT_401_EN,
    ALERT_401_CS,
    "Synchronizace selhala. The remote server returned an error: (401) Unauthorized.",
    "Požadavek selhal: HTTP 401",
    "EWS odpověděl: HTTP/1.1 401",
    "Status code 401 from the server",
    "The request failed: (401).",
    "Exchange answered 401 Unauthorized.",
  ])("a 401: %s", async (text) => {
    const f = await findingOf("address-mismatch", healthyDump({ tracelogs: [alertRow(text)] }));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "AddressMismatch_MatchBut401" } });
  });

  it("the tenant check does not read English sentences: a 'no user was found' text changes nothing", async () => {
    const sentence =
      "Test and Enable failed because no user was found with the email address alexw@contoso.com in the Microsoft 365 tenant associated with this mailbox's Email Server Profile.";
    const without = await findingOf("tenant-mismatch", healthyDump());
    const withSentence = await findingOf("tenant-mismatch", healthyDump({ tracelogs: [alertRow(sentence)] }));
    expect(withSentence.status).toBe(without.status);
  });
});

describe("cross-tenant profiles", () => {
  const otherTenant = (incoming: number, outgoing: number) =>
    healthyDump({
      emailserverprofiles: [
        exoProfileRow({
          exchangeonlinetenantid: IDS.otherTenant,
          usedefaulttenantid: false,
          incomingcredentialretrieval: incoming,
          usesamesettingsforoutgoingconnections: incoming === outgoing,
          outgoingcredentialretrieval: outgoing,
        }),
      ],
    });

  it("another tenant with credential retrieval 0 (not 2, not 7) is a warning to confirm, not a problem", async () => {
    expect(await findingOf("tenant-mismatch", otherTenant(0, 0))).toMatchObject({ status: "warning", detail: { key: "Tenant_WarningConfirmCrossTenant" } });
  });

  it("another tenant with server-to-server (2) on one direction is a problem, even when the other is 7", async () => {
    expect((await findingOf("tenant-mismatch", otherTenant(7, 2))).status).toBe("problem");
  });

  it("another tenant with 7 on both directions is ok (cross-tenant OAuth)", async () => {
    expect(await findingOf("tenant-mismatch", otherTenant(7, 7))).toMatchObject({ status: "ok", detail: { key: "Tenant_OkCrossTenant" } });
  });
});

describe("defaults are not mismatches", () => {
  it("an empty-GUID tenant id with usedefaulttenantid is the default tenant", async () => {
    const f = await findingOf(
      "tenant-mismatch",
      healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: "00000000-0000-0000-0000-000000000000", usedefaulttenantid: true })] }),
    );
    expect(f).toMatchObject({ status: "ok", detail: { key: "Tenant_OkDefault" } });
  });

  it("an empty-GUID applicationid is not an application user", async () => {
    const f = await findingOf("owner-state", healthyDump({ systemusers: [userRow({ applicationid: "00000000-0000-0000-0000-000000000000" })] }));
    expect(f).toMatchObject({ status: "ok", detail: { key: "Owner_OkUser" } });
  });
});

describe("mailboxes that do not use server-side sync", () => {
  it("get not-applicable from every cause, even with a 401 and differing addresses", async () => {
    const all = await findingsOf(
      healthyDump({
        mailboxes: [mailboxRow({ emailaddress: "other@contoso.com", incomingemaildeliverymethod: 0, outgoingemaildeliverymethod: 1, actdeliverymethod: 0 })],
        emailserverprofiles: [exoProfileRow({ incomingcredentialretrieval: 1, incomingserverlocation: EXO_EWS })],
        tracelogs: [alertRow(ALERT_401_EN)],
      }),
    );
    const causes: RuleId[] = [
      "address-mismatch",
      "hybrid-profile-for-exchange-online",
      "exchange-online-license",
      "tenant-mismatch",
      "ews-basic-auth",
      "recreated-user",
      "exchange-online-basic-auth",
    ];
    for (const rule of causes) expect([rule, all[rule].status, all[rule].detail.key]).toEqual([rule, "not-applicable", "NotApplicable_NoServerSideSync"]);
  });
});

describe("profile alerts that name one mailbox", () => {
  const recreated = (address: string) =>
    alertRow(`Email cannot be received for the mailbox ${address}. Email Server Error Code: NoUserFoundWithGivenClaims`, { _regardingobjectid_value: IDS.profile });

  it("count for that mailbox only: another user's re-creation does not mark this mailbox", async () => {
    expect((await findingOf("recreated-user", healthyDump({ tracelogs: [recreated("nestorw@contoso.com")] }))).status).toBe("ok");
  });

  it("are not listed among this mailbox's 401 alerts, neither as evidence nor as history", async () => {
    const other = alertRow("Mailbox nestorw@contoso.com: Http server returned 401 Unauthorized exception.", { _regardingobjectid_value: IDS.profile });
    const result = await diagnose(healthyDump({ tracelogs: [other] }));
    expect(result.alerts401).toEqual([]);
  });

  it("count for the mailbox they name", async () => {
    expect((await findingOf("recreated-user", healthyDump({ tracelogs: [recreated("AlexW@Contoso.com")] }))).status).toBe("problem");
  });

  it("a profile alert that names no mailbox counts for every mailbox on the profile", async () => {
    const alert = alertRow("The credentials specified in the associated email server profile are incorrect. Http server returned 401 Unauthorized exception.", {
      _regardingobjectid_value: IDS.profile,
    });
    expect((await findingOf("address-mismatch", healthyDump({ tracelogs: [alert] }))).status).toBe("unverified");
  });
});

describe("time", () => {
  it("an alert whose level was not returned is still evidence", async () => {
    // The rows as the Web API returned them, then the alert's level taken out (a dump cannot say "not
    // returned": its filter on level drops the row, as Dataverse's would drop a row whose level is empty).
    const raw = await loadMailboxData(new OrgDumpClient(healthyDump({ tracelogs: [alertRow(ALERT_401_EN)] })), IDS.mailbox);
    if (!raw.alerts.ok) throw new Error("alerts unreadable");
    delete raw.alerts.value[0].row.level;
    const findings = runRules(buildSnapshot(raw, { now: NOW, clientUrl: CLIENT_URL }));
    expect(findings.find((f) => f.rule === "address-mismatch")).toMatchObject({ status: "unverified", detail: { key: "AddressMismatch_MatchBut401" } });
  });

  it("an alert whose modifiedon was not returned is evidence, even when it was created before the last test", async () => {
    const alert = alertRow(ALERT_401_EN, { createdon: "2026-11-01T07:00:00Z" });
    delete alert.modifiedon;
    const f = await findingOf("address-mismatch", healthyDump({ tracelogs: [alert] }));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "AddressMismatch_MatchBut401" } });
  });

  it("alert and test times are compared as instants: 08:30+01:00 is before 08:00Z", async () => {
    const alert = alertRow(ALERT_401_EN, { createdon: "2026-11-18T08:30:00+01:00", modifiedon: "2026-11-18T08:30:00+01:00" });
    expect((await findingOf("address-mismatch", healthyDump({ tracelogs: [alert] }))).status).toBe("ok");
  });
});

describe("regular expressions over server text are linear", () => {
  const MB = 1_000_000;
  it.each([
    ["a long host-like run", "a".repeat(MB)],
    ["a long run of spaces after 401", `401${" ".repeat(MB)}`],
    ["many @", "a@".repeat(MB / 2)],
    ["long hex", "0123456789abcdef-".repeat(MB / 17)],
    ["repeated HTTP and status tokens", "HTTP status code returned ".repeat(MB / 26)],
  ])("a 1 MB alert (%s) is diagnosed in well under a second", async (_name, text) => {
    const dump = healthyDump({ tracelogs: [alertRow(text, { errordetails: text })] });
    const started = performance.now();
    await findingsOf(dump);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
