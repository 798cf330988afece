/**
 * Attempts to make a check say `ok` (or a `not-applicable` that hides a problem) wrongly, with data an
 * org can hold. Each `describe` names what it tried; the cases that said `ok` wrongly before their fix
 * say so, the others are kept as guards of edges not covered elsewhere.
 */
import type { RuleId } from "../../MailboxHealth/model/finding";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import { localizer } from "../support/strings";
import { alertRow, ALERT_401_EN, exoProfileRow, findingOf, findingsOf, healthyDump, hybridProfileRow, IDS, mailboxRow, queueRow, userRow } from "../support/rows";

const QUIET = ["ok", "not-applicable"];

/** The rule's status, with the rule's id and the detail key for a readable failure. */
async function statusOf(rule: RuleId, dump: OrgDump): Promise<[RuleId, string, string]> {
  const f = await findingOf(rule, dump);
  return [rule, f.status, f.detail.key];
}

describe("an Exchange Online host however it is spelled", () => {
  // Was `not-applicable` / `ok`: the trailing dot of a fully qualified name hid the host.
  const trailingDot = "https://outlook.office365.com./EWS/Exchange.asmx";
  // Held: port, case, user info, host name alone, full-width letters (IDNA), plain http, spaces around.
  const held = [
    "https://OUTLOOK.Office365.com:443/EWS/Exchange.asmx",
    "https://x@outlook.office365.com/EWS/Exchange.asmx",
    "outlook.office.com",
    "https://ｏｕｔｌｏｏｋ.office365.com/EWS/Exchange.asmx",
    "http://outlook.office365.com/EWS/Exchange.asmx",
    " https://outlook.office365.com/EWS/Exchange.asmx ",
  ];

  it.each([trailingDot, ...held])("exchange-online-basic-auth: an Exchange Server profile with credentials whose locations are %s", async (location) => {
    const profile = hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", incomingserverlocation: location, outgoingserverlocation: location });
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [profile] });
    expect(await statusOf("exchange-online-basic-auth", dump)).toEqual(["exchange-online-basic-auth", "problem", "ExoBasic_Problem"]);
  });

  it.each([trailingDot, ...held])("hybrid-profile-for-exchange-online: an Exchange Server (Hybrid) profile whose locations are %s", async (location) => {
    const profile = hybridProfileRow({ incomingserverlocation: location, outgoingserverlocation: location });
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [profile] });
    expect(await statusOf("hybrid-profile-for-exchange-online", dump)).toEqual(["hybrid-profile-for-exchange-online", "problem", "HybridProfile_ProblemMailboxInExchangeOnline"]);
  });

  it("hybrid-profile-for-exchange-online: an on-premises hybrid profile, and the mailbox's EWS URL on outlook.office365.com.", async () => {
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: trailingDot })], emailserverprofiles: [hybridProfileRow()] });
    expect(await statusOf("hybrid-profile-for-exchange-online", dump)).toEqual(["hybrid-profile-for-exchange-online", "problem", "HybridProfile_ProblemMailboxInExchangeOnline"]);
  });

  it("ews-basic-auth: a trailing dot on an on-premises host still counts as on-premises", async () => {
    const location = "https://mail.contoso.com./EWS/Exchange.asmx";
    const profile = hybridProfileRow({ incomingserverlocation: location, outgoingserverlocation: location });
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [profile], tracelogs: [alertRow(ALERT_401_EN)] });
    expect(await statusOf("ews-basic-auth", dump)).toEqual(["ews-basic-auth", "problem", "EwsBasic_Problem401"]);
  });
});

describe("the last successful Test & Enable at odd times", () => {
  // Was `ok` (address-mismatch, exchange-online-license): a completion time in the future made every alert history.
  it.each(["9999-12-31T23:59:59Z", "2099-01-01T00:00:00Z", "2026-11-22T09:00:00Z"])(
    "a completion time later than the read (%s) does not make a 401 written since history",
    async (completed) => {
      const dump = healthyDump({ mailboxes: [mailboxRow({ testmailboxaccesscompletedon: completed })], tracelogs: [alertRow(ALERT_401_EN)] });
      const all = await findingsOf(dump);
      expect(["address-mismatch", "exchange-online-license", "ews-basic-auth"].map((r) => [r, QUIET.includes(all[r as RuleId].status)])).toEqual([
        ["address-mismatch", false],
        ["exchange-online-license", false],
        ["ews-basic-auth", true],
      ]);
      expect(all["address-mismatch"].detail.key).toBe("AddressMismatch_MatchBut401");
    },
  );

  it("a completion a few minutes ahead of the reading machine's clock still makes older alerts history", async () => {
    const dump = healthyDump({
      mailboxes: [mailboxRow({ testmailboxaccesscompletedon: "2026-11-20T09:05:00Z" })],
      tracelogs: [alertRow(ALERT_401_EN, { modifiedon: "2026-11-20T08:30:00Z" })],
    });
    expect(await statusOf("address-mismatch", dump)).toEqual(["address-mismatch", "ok", "AddressMismatch_Ok"]);
  });

  // Held: a completion time without a zone is UTC, so a 401 half an hour after it is evidence.
  it("a completion time without a zone is UTC", async () => {
    const dump = healthyDump({ mailboxes: [mailboxRow({ testmailboxaccesscompletedon: "2026-11-20T07:00:00" })], tracelogs: [alertRow(ALERT_401_EN)] });
    expect(await statusOf("address-mismatch", dump)).toEqual(["address-mismatch", "unverified", "AddressMismatch_MatchBut401"]);
  });
});

describe("401 in the forms .NET and IIS write it", () => {
  // Were `ok`: neither form was read as a 401.
  it.each([
    ["text", "Response status code does not indicate success: 401 (Unauthorized)."],
    ["text", "HTTP Error 401.1 - Unauthorized: Access is denied due to invalid credentials."],
    ["errordetails", "System.Net.Http.HttpRequestException: Response status code does not indicate success: 401 (Unauthorized)."],
  ])("address-mismatch: a 401 in the %s: %s", async (column, text) => {
    const alert = column === "text" ? alertRow(text) : alertRow("Email cannot be received for the mailbox Alex Wilber.", { errordetails: text });
    expect(await statusOf("address-mismatch", healthyDump({ tracelogs: [alert] }))).toEqual(["address-mismatch", "unverified", "AddressMismatch_MatchBut401"]);
  });

  it("still not a 401 when the digits are part of a version number", async () => {
    const alert = alertRow("Connector 2.401.1 - Unauthorized senders are not listed.");
    expect(await statusOf("address-mismatch", healthyDump({ tracelogs: [alert] }))).toEqual(["address-mismatch", "ok", "AddressMismatch_Ok"]);
  });
});

describe("ErrorNonExistentMailbox on the profile, for a mailbox in Exchange Online", () => {
  const profileAlert = (text: string) => alertRow(text, { _regardingobjectid_value: IDS.profile });

  // Was `ok`: the profile alert was left to ews-basic-auth (the profile's user name), which does not apply
  // to a mailbox in Exchange Online, so no check reported it.
  it.each([
    "Mailbox alexw@contoso.com: The SMTP address has no mailbox associated with it. ErrorNonExistentMailbox",
    "Mailbox ALEXW@contoso.com: ErrorNonExistentMailbox",
  ])("address-mismatch: %s", async (text) => {
    const all = await findingsOf(healthyDump({ tracelogs: [profileAlert(text)] }));
    expect(all["ews-basic-auth"].status).toBe("not-applicable");
    expect(await statusOf("address-mismatch", healthyDump({ tracelogs: [profileAlert(text)] }))).toEqual(["address-mismatch", "problem", "AddressMismatch_NoExchangeMailbox"]);
  });

  // A profile alert that names no address is not told to be about this mailbox: a problem for every
  // mailbox of the profile would rest on a guess.
  it("a profile alert that names no address is not cause 1 for each mailbox of the profile", async () => {
    const alert = profileAlert("Test Connection failed: ErrorNonExistentMailbox");
    expect(await statusOf("address-mismatch", healthyDump({ tracelogs: [alert] }))).toEqual(["address-mismatch", "ok", "AddressMismatch_Ok"]);
  });

  // Held: a profile alert that names only another mailbox is about that mailbox.
  it("a profile alert that names another mailbox's address stays that mailbox's", async () => {
    const alert = profileAlert("Mailbox nestorw@contoso.com: The SMTP address has no mailbox associated with it. ErrorNonExistentMailbox");
    expect(await statusOf("address-mismatch", healthyDump({ tracelogs: [alert] }))).toEqual(["address-mismatch", "ok", "AddressMismatch_Ok"]);
  });
});

describe("an empty column (null) is not the value an ok needs", () => {
  // Were `ok`: the owner's state read as enabled, Read-Write, active.
  it.each([
    ["isdisabled", { isdisabled: null }],
    ["accessmode", { accessmode: null }],
  ])("owner-state: the user's %s empty", async (_column, over) => {
    expect(await statusOf("owner-state", healthyDump({ systemusers: [userRow(over)] }))).toEqual(["owner-state", "unverified", "Owner_Unknown"]);
  });

  it("owner-state: the queue's statecode empty", async () => {
    const mailbox = mailboxRow({ _regardingobjectid_value: IDS.queue, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue", emailaddress: "support@contoso.com" });
    const dump = healthyDump({ mailboxes: [mailbox], queues: [queueRow({ statecode: null })] });
    expect(await statusOf("owner-state", dump)).toEqual(["owner-state", "unverified", "Owner_Unknown"]);
  });

  it("owner-state: an empty state asks for a look at the owner's record; one not returned asks for read access", async () => {
    const empty = await findingOf("owner-state", healthyDump({ systemusers: [userRow({ accessmode: null })] }));
    expect(empty.fix.map((m) => m.key)).toEqual(["Owner_Fix_CheckState"]);
    expect(empty.links.map((l) => l.label.key)).toEqual(["Link_OpenUser"]);
    const user = userRow();
    delete (user as Record<string, unknown>).accessmode;
    const unread = await findingOf("owner-state", healthyDump({ systemusers: [user] }));
    expect(unread.status).toBe("unverified");
    expect(unread.fix.map((m) => m.key)).toEqual(["Fix_GrantReadAndRecheck"]);
  });

  // Was `ok` ("no sign that the user was deleted and re-created"): an empty azurestate says nothing
  // about the user in Microsoft Entra ID, as for the users of Dynamics 365 on-premises with an Exchange
  // Online (Hybrid) profile.
  it("recreated-user: the user's azurestate empty (online org)", async () => {
    expect(await statusOf("recreated-user", healthyDump({ systemusers: [userRow({ azurestate: null })] }))).toEqual(["recreated-user", "unverified", "Recreated_UnverifiedAzureStateEmpty"]);
  });

  it("recreated-user: the user's azurestate empty, Dynamics 365 on-premises with Exchange Online (Hybrid)", async () => {
    const dump = healthyDump({
      RetrieveCurrentOrganization: null,
      emailserverprofiles: [exoProfileRow({ servertype: 3, emailservertypename: "Exchange Online (Hybrid)" })],
      systemusers: [userRow({ azurestate: null })],
    });
    const f = await findingOf("recreated-user", dump, { clientUrl: "https://crm.contoso.local/contoso" });
    expect([f.status, f.detail.key]).toEqual(["unverified", "Recreated_UnverifiedAzureStateEmpty"]);
    expect(f.links.map((l) => l.url)).toContain("https://go.microsoft.com/fwlink/p/?linkid=2071581");
  });

  // Was `ok` ("the email address is approved"): in Exchange Online an empty isemailaddressapprovedbyo365admin
  // (its default is No) shows no Microsoft 365 administrator's approval, as false does.
  it("email-approval: isemailaddressapprovedbyo365admin empty for a mailbox in Exchange Online", async () => {
    const f = await findingOf("email-approval", healthyDump({ mailboxes: [mailboxRow({ isemailaddressapprovedbyo365admin: null })] }));
    expect([f.status, f.detail.key]).toEqual(["warning", "Approval_WarningO365Admin"]);
    expect(f.evidence).toContainEqual({ field: "mailbox.isemailaddressapprovedbyo365admin", value: null });
  });

  it("email-approval: the same empty column on an on-premises mailbox is not needed", async () => {
    const dump = healthyDump({
      mailboxes: [mailboxRow({ isemailaddressapprovedbyo365admin: null, ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx" })],
      emailserverprofiles: [hybridProfileRow()],
    });
    expect(await statusOf("email-approval", dump)).toEqual(["email-approval", "ok", "Approval_Ok"]);
  });

  // Were `ok` ("Test & Enable succeeded for every direction"): Dataverse fills a mailbox's statecode
  // and its Enabled for settings, so an empty one (a hand-made dump) is not a value they can have.
  it.each([
    ["statecode", { statecode: null }],
    ["enabledforincomingemail", { enabledforincomingemail: null }],
    ["enabledforact", { enabledforact: null }],
  ])("mailbox-state: the mailbox's %s empty", async (column, over) => {
    const f = await findingOf("mailbox-state", healthyDump({ mailboxes: [mailboxRow(over)] }));
    expect([f.status, f.detail.key]).toEqual(["unverified", "Detail_ColumnsUnknown"]);
    expect(f.detail.args).toEqual({ columns: `mailbox.${column}` });
    expect(f.evidence[0]).toEqual({ field: `mailbox.${column}`, value: null });
    // Read, but empty: a look at the record, not read access.
    expect(f.fix.map((m) => m.key)).toEqual(["Fix_CheckValue"]);
  });

  // The sentence shown named three reasons (not returned, another type, not documented) and not the one
  // that held: the column came back empty.
  it.each([
    [1033, "returned empty"],
    [1029, "vrátilo prázdné"],
  ] as const)("the reason shown for an empty statecode says it is empty (%s)", async (lcid, words) => {
    const f = await findingOf("mailbox-state", healthyDump({ mailboxes: [mailboxRow({ statecode: null })] }));
    expect(localizer(lcid).message(f.detail)).toContain(words);
  });

  // Was `ok` (mailbox-state, from the one direction left) and License_OkMailFlows: an empty delivery
  // method read as "not server-side sync". Dataverse fills them (0 is None), so empty is unknown.
  it.each(["incomingemaildeliverymethod", "outgoingemaildeliverymethod", "actdeliverymethod"])("mailbox-state: the mailbox's %s empty", async (column) => {
    const dump = healthyDump({ mailboxes: [mailboxRow({ [column]: null })] });
    const f = await findingOf("mailbox-state", dump);
    expect([f.status, f.detail.key]).toEqual(["unverified", "MailboxState_DeliveryUnknown"]);
    expect(f.evidence).toContainEqual({ field: `mailbox.${column}`, value: null });
    expect(f.fix.map((m) => m.key)).toEqual(["MailboxState_Fix_SetDelivery", "Fix_TestEnable"]);
    // Its own sentence: each thing said once (the reason is mailbox-state's).
    const schedule = await findingOf("processing-schedule", dump);
    expect([schedule.status, schedule.detail.key, schedule.fix]).toEqual(["unverified", "Schedule_DeliveryUnknown", []]);
    expect((await findingOf("exchange-online-license", dump)).status).not.toBe("ok");
    // The causes rest on the delivery methods: an empty one is unknown to them too.
    expect(await findingOf("address-mismatch", dump)).toMatchObject({ status: "unverified", detail: { key: "Detail_ColumnsUnknown", args: { columns: `mailbox.${column}` } } });
  });

  it("mailbox-state: a delivery method not returned still asks for read access", async () => {
    const mailbox = mailboxRow();
    delete mailbox.incomingemaildeliverymethod;
    const f = await findingOf("mailbox-state", healthyDump({ mailboxes: [mailbox] }));
    expect([f.status, f.fix.map((m) => m.key)]).toEqual(["unverified", ["Fix_GrantReadAndRecheck"]]);
    expect((await findingOf("processing-schedule", healthyDump({ mailboxes: [mailbox] }))).fix.map((m) => m.key)).toEqual(["Fix_GrantReadAndRecheck"]);
  });

  it("mailbox-state: an empty Enabled for of a direction server-side sync does not deliver is not needed", async () => {
    const dump = healthyDump({ mailboxes: [mailboxRow({ actdeliverymethod: 0, enabledforact: null })] });
    expect(await statusOf("mailbox-state", dump)).toEqual(["mailbox-state", "ok", "MailboxState_Ok"]);
  });

  // Was `ok`: an empty useautodiscover (default No) skipped the check of the profile's EWS URLs.
  it.each([
    [null, "warning", "EwsBasic_WarningEwsUrl"],
    [undefined, "unverified", "Detail_ColumnsUnknown"],
  ])("ews-basic-auth: useautodiscover %s, NTLM, and a location that is no EWS endpoint", async (useautodiscover, status, key) => {
    const profile = hybridProfileRow({
      servertype: 0,
      emailservertypename: "Exchange Server",
      incomingauthenticationprotocol: 2,
      outgoingauthenticationprotocol: 2,
      useautodiscover,
      incomingserverlocation: "https://mail.contoso.com/owa",
    });
    if (useautodiscover === undefined) delete profile.useautodiscover;
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [profile] });
    expect(await statusOf("ews-basic-auth", dump)).toEqual(["ews-basic-auth", status, key]);
  });
});

// Held: kept as guards of edges no other test pins.
describe("postponement dates in odd forms", () => {
  it.each([
    ["without a zone (UTC)", "2026-11-20T10:00:00", "warning"],
    ["a date alone (midnight UTC)", "2026-11-21", "warning"],
    ["in year 9999", "9999-12-31T23:59:59Z", "warning"],
    ["with an offset that puts it in the past", "2026-11-20T20:00:00+14:00", "ok"],
    ["in year 1 (an empty .NET date)", "0001-01-01T00:00:00Z", "ok"],
    ["in the US form", "11/21/2026", "unverified"],
    ["on a day that does not exist", "2026-02-30T00:00:00Z", "unverified"],
    ["as an empty string", "", "unverified"],
    ["as spaces", "  ", "unverified"],
  ])("processing-schedule: postponed until a date %s", async (_form, until, status) => {
    const f = await findingOf("processing-schedule", healthyDump({ mailboxes: [mailboxRow({ postponemailboxprocessinguntil: until })] }));
    expect([until, f.status]).toEqual([until, status]);
  });
});

describe("tenant ids in odd forms", () => {
  it.each([` ${IDS.otherTenant} `, `{${IDS.otherTenant.toUpperCase()}}`])("tenant-mismatch: another tenant written %j with server-to-server is a problem", async (tenant) => {
    const dump = healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: tenant, usedefaulttenantid: false })] });
    expect(await statusOf("tenant-mismatch", dump)).toEqual(["tenant-mismatch", "problem", "Tenant_ProblemDiffers"]);
  });
});

describe("how the profile signs in, left empty", () => {
  // Was `ok` (exchange-online-basic-auth, ews-basic-auth): an empty credential retrieval, or an empty
  // protocol beside a user name and password, read as "no password".
  const signInEmpty = async (rule: RuleId, dump: OrgDump): Promise<[RuleId, string, string, string[]]> => {
    const f = await findingOf(rule, dump);
    return [rule, f.status, f.detail.key, f.fix.map((m) => m.key)];
  };
  const expected = (rule: RuleId) => [rule, "unverified", "Detail_SignInEmpty", ["Fix_SetSignIn", "Fix_TestEnable"]];

  it("exchange-online-basic-auth: an Exchange Online profile whose Authentication Type is empty (outgoing uses the same)", async () => {
    const dump = healthyDump({ emailserverprofiles: [exoProfileRow({ incomingcredentialretrieval: null, outgoingcredentialretrieval: null })] });
    expect(await signInEmpty("exchange-online-basic-auth", dump)).toEqual(expected("exchange-online-basic-auth"));
  });

  it("exchange-online-basic-auth: only the outgoing Authentication Type empty, with its own settings", async () => {
    const profile = exoProfileRow({ usesamesettingsforoutgoingconnections: false, outgoingcredentialretrieval: null });
    const dump = healthyDump({ emailserverprofiles: [profile] });
    expect(await signInEmpty("exchange-online-basic-auth", dump)).toEqual(expected("exchange-online-basic-auth"));
  });

  it("exchange-online-basic-auth: a password on one direction is still a problem when the other is empty", async () => {
    const profile = exoProfileRow({ usesamesettingsforoutgoingconnections: false, incomingcredentialretrieval: 1, outgoingcredentialretrieval: null });
    expect(await statusOf("exchange-online-basic-auth", healthyDump({ emailserverprofiles: [profile] }))).toEqual(["exchange-online-basic-auth", "problem", "ExoBasic_Problem"]);
  });

  it.each([
    ["the Authentication Type", { incomingcredentialretrieval: null, outgoingcredentialretrieval: null }],
    ["the incoming Authentication Protocol beside a user name and password", { incomingauthenticationprotocol: null }],
  ])("ews-basic-auth: an Exchange Server (Hybrid) profile with %s empty and no 401", async (_what, over) => {
    const profile = hybridProfileRow({ outgoingauthenticationprotocol: 1, ...over });
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [profile] });
    expect(await signInEmpty("ews-basic-auth", dump)).toEqual(expected("ews-basic-auth"));
  });

  it("ews-basic-auth: with a 401, an empty Authentication Type still asks to check the credentials", async () => {
    const profile = hybridProfileRow({ incomingcredentialretrieval: null, outgoingcredentialretrieval: null });
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [profile], tracelogs: [alertRow(ALERT_401_EN)] });
    expect(await statusOf("ews-basic-auth", dump)).toEqual(["ews-basic-auth", "warning", "EwsBasic_Warning401Other"]);
  });
});

describe("an alert in a dump whose level cannot be judged", () => {
  // Were `ok` (address-mismatch, exchange-online-license): the dump's answer to `level ge 2` left out a
  // 401 alert whose level was not saved, was empty or was text (a formatted "Error", say), so no 401 was seen.
  it.each([
    ["not saved", undefined],
    ["empty", null],
    ["text", "Error"],
    ["a number as text", "3"],
  ])("a 401 alert whose level is %s is still evidence", async (_, level) => {
    const alert = alertRow(ALERT_401_EN);
    if (level === undefined) delete alert.level;
    else alert.level = level;
    const all = await findingsOf(healthyDump({ tracelogs: [alert] }));
    expect([all["address-mismatch"].status, all["address-mismatch"].detail.key, QUIET.includes(all["exchange-online-license"].status)]).toEqual([
      "unverified",
      "AddressMismatch_MatchBut401",
      false,
    ]);
  });

  // Held: an information alert (level 1) is no evidence, as `level ge 2` says.
  it("an information alert (level 1) carrying 401 is still left out", async () => {
    expect(await statusOf("address-mismatch", healthyDump({ tracelogs: [alertRow(ALERT_401_EN, { level: 1 })] }))).toEqual(["address-mismatch", "ok", "AddressMismatch_Ok"]);
  });
});

describe("a profile column not read, beside another that would quiet the check", () => {
  // "Use default tenant ID" Yes does not clear a tenant ID: one that is read is judged whatever the setting
  // says (docs/rules.md), so one not read (absent, or not text) could be another tenant's.
  it.each([
    ["not returned", undefined],
    ["a number", 99],
  ])("tenant-mismatch: use default tenant Yes, server-to-server, and the tenant ID %s: unverified, not ok", async (_what, tenant) => {
    const profile = exoProfileRow({ usedefaulttenantid: true, exchangeonlinetenantid: tenant });
    if (tenant === undefined) delete profile.exchangeonlinetenantid;
    const f = await findingOf("tenant-mismatch", healthyDump({ emailserverprofiles: [profile] }));
    expect([f.status, f.detail.key]).toEqual(["unverified", "Tenant_ProfileTenantUnknown"]);
  });

  it("tenant-mismatch: use default tenant Yes and no tenant ID, or the empty GUID: ok", async () => {
    for (const tenant of [null, "00000000-0000-0000-0000-000000000000"]) {
      const profile = exoProfileRow({ usedefaulttenantid: true, exchangeonlinetenantid: tenant });
      expect((await findingOf("tenant-mismatch", healthyDump({ emailserverprofiles: [profile] }))).status).toBe("ok");
    }
  });

  // A server type not read (or undocumented) and the type name "Exchange Online" make the kind Exchange
  // Online, though the locations are on-premises, both directions sign in with a password and Basic, and a
  // 401 came after the last test. With server type 2 read, the same data is EwsBasic_Problem401.
  it.each([
    ["not returned", undefined],
    ["99", 99],
  ])("ews-basic-auth: servertype %s, type name Exchange Online, Basic to mail.contoso.com, and a 401: not quiet", async (_what, servertype) => {
    const profile = hybridProfileRow({ servertype, emailservertypename: "Exchange Online" });
    if (servertype === undefined) delete profile.servertype;
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [profile], tracelogs: [alertRow(ALERT_401_EN)] });
    const f = await findingOf("ews-basic-auth", dump);
    expect(QUIET.includes(f.status)).toBe(false);
    expect(f.evidence.map((e) => e.field)).toContain("emailserverprofile.servertype");
  });

  it("ews-basic-auth: a server type not read, but the mailbox's EWS URL in Exchange Online: not applicable", async () => {
    const profile = hybridProfileRow({ emailservertypename: "Exchange Online" });
    delete profile.servertype;
    const dump = healthyDump({ mailboxes: [mailboxRow({ ewsurl: "https://outlook.office365.com/EWS/Exchange.asmx" })], emailserverprofiles: [profile], tracelogs: [alertRow(ALERT_401_EN)] });
    expect((await findingOf("ews-basic-auth", dump)).status).toBe("not-applicable");
  });
});

describe("an owner's integration-user flag left empty", () => {
  // Dataverse fills it for every user (Yes or No): empty says neither, and the owner may be an integration
  // user, which owner-state warns about.
  it("owner-state: unverified, naming the column, not ok", async () => {
    const f = await findingOf("owner-state", healthyDump({ systemusers: [userRow({ isintegrationuser: null })] }));
    expect(f.status).toBe("unverified");
    expect(f.evidence.map((e) => e.field)).toContain("systemuser.isintegrationuser");
  });

  it("owner-state: No is still ok", async () => {
    expect((await findingOf("owner-state", healthyDump({ systemusers: [userRow({ isintegrationuser: false })] }))).status).toBe("ok");
  });
});
