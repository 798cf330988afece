/**
 * "Use Same Settings for Outgoing Connection" (`emailserverprofile.usesamesettingsforoutgoingconnections`):
 * with Yes, outgoing uses the incoming credential settings, so a stale stored outgoing credential
 * retrieval decides nothing (docs/rules.md, "Use same settings for outgoing"). With No (or empty),
 * outgoing is judged by its own column. Not read (a dump made before the column was), while the two
 * columns differ: outgoing is unknown, so no check concludes on it. The authentication protocols and
 * server locations stay each direction's own.
 */
import type { Evidence, Finding } from "../../MailboxHealth/model/finding";
import type { Row } from "../../MailboxHealth/data/webApiClient";
import { profileFacts } from "../../MailboxHealth/data/buildSnapshot";
import { classifyProfileWithBasis, credentials } from "../../MailboxHealth/rules/facts";
import { ALERT_401_EN, IDS, alertRow, exoProfileRow, findingOf, findingsOf, healthyDump, hybridProfileRow, mailboxRow } from "../support/rows";

const SAME = "emailserverprofile.usesamesettingsforoutgoingconnections";
const IN = "emailserverprofile.incomingcredentialretrieval";
const OUT = "emailserverprofile.outgoingcredentialretrieval";
const ON_PREM_EWS = "https://mail.contoso.com/EWS/Exchange.asmx";

/** The setting as read: Yes, No, null (empty) or absent (unknown). */
const SETTINGS = [
  ["Yes", true],
  ["No", false],
  ["empty", null],
  ["not read", undefined],
] as const;

function withSetting(row: Row, same: boolean | null | undefined): Row {
  const copy = { ...row, usesamesettingsforoutgoingconnections: same };
  if (same === undefined) delete copy.usesamesettingsforoutgoingconnections;
  return copy;
}

const fields = (f: Finding): string[] => f.evidence.map((e) => e.field);
const credential = (field: string, value: number): Evidence => ({ field, value: { option: "credentialretrieval", value } });
const yes: Evidence = { field: SAME, value: { flag: true } };
const unread: Evidence = { field: SAME, value: { unknown: true } };
/** No and empty: the stored outgoing column decides. */
const STORED = SETTINGS.filter(([, v]) => v === false || v === null);

/** Each column once in every finding's evidence. */
function expectEachColumnOnce(findings: Finding[]) {
  for (const f of findings) {
    const keys = f.evidence.map((e) => `${e.field}=${JSON.stringify(e.value)}`);
    expect(keys).toEqual([...new Set(keys)]);
  }
}

/** The outgoing direction's credential retrieval and its evidence, as every check reads it. */
const outgoingCredential = (row: Row) => credentials(profileFacts(row))[1];

describe("the outgoing credential retrieval (rules/facts.ts)", () => {
  // Incoming server-to-server; outgoing still says "credentials specified in the profile".
  const row = exoProfileRow({ incomingcredentialretrieval: 2, outgoingcredentialretrieval: 1 });

  it("Yes: the incoming value, shown as the setting and the incoming column", () => {
    expect(outgoingCredential(withSetting(row, true))).toEqual([2, [yes, credential(IN, 2)]]);
  });

  it.each(STORED)("%s: the stored outgoing value", (_name, same) => {
    expect(outgoingCredential(withSetting(row, same))).toEqual([1, [credential(OUT, 1)]]);
  });

  it("not read: unknown when the two columns differ, shown as the setting and the stored column; the value when they agree", () => {
    expect(outgoingCredential(withSetting(row, undefined))).toEqual([undefined, [unread, credential(OUT, 1)]]);
    expect(outgoingCredential(withSetting(exoProfileRow(), undefined))).toEqual([2, [credential(OUT, 2)]]);
  });

  it("Yes with both columns alike: the outgoing column, as before (the setting decides nothing)", () => {
    expect(outgoingCredential(exoProfileRow())).toEqual([2, [credential(OUT, 2)]]);
  });

  it("incoming is always its own column", () => {
    for (const same of [true, false, null, undefined]) expect(credentials(profileFacts(withSetting(row, same)))[0]).toEqual([2, [credential(IN, 2)]]);
  });

  it("Yes with the incoming column not read: unknown, not the stored outgoing value", () => {
    const unread = withSetting(row, true);
    delete unread.incomingcredentialretrieval;
    expect(outgoingCredential(unread)).toEqual([undefined, [yes, { field: IN, value: { unknown: true } }]]);
  });

  it("the profile kind: a stale outgoing 7 says Exchange Online only when outgoing does not use the incoming settings", () => {
    const onPremises = hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", incomingcredentialretrieval: 1, outgoingcredentialretrieval: 7 });
    const kind = (same: boolean | null | undefined) => classifyProfileWithBasis(profileFacts(withSetting(onPremises, same)));
    expect(kind(true).kind).toBe("exchange-server");
    expect(kind(true).basis).toContainEqual(yes);
    expect(kind(true).basis.map((e) => e.field)).not.toContain(OUT);
    for (const same of [false, null]) expect(kind(same).kind).toBe("exchange-online");
    // Not read: the stale 7 may be a leftover, so it says nothing; the kind rests on the unknown setting.
    expect(kind(undefined).kind).toBe("exchange-server");
    expect(kind(undefined).basis).toContainEqual(unread);
  });
});

describe("exchange-online-basic-auth", () => {
  // Server-to-server incoming; outgoing to Exchange Online still stored as credentials with Basic.
  const profile = exoProfileRow({
    incomingcredentialretrieval: 2,
    outgoingcredentialretrieval: 1,
    outgoingauthenticationprotocol: 3,
    incomingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx",
    outgoingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx",
  });
  const check = (same: boolean | null | undefined, row = profile) => findingOf("exchange-online-basic-auth", healthyDump({ emailserverprofiles: [withSetting(row, same)] }));

  it("Yes: outgoing signs in server-to-server like incoming: ok, on the setting and the incoming column", async () => {
    const f = await check(true);
    expect(f).toMatchObject({ status: "ok", detail: { key: "ExoBasic_Ok" } });
    expect(f.evidence).toContainEqual(yes);
    expect(f.evidence).toContainEqual(credential(IN, 2));
    expect(fields(f)).not.toContain(OUT);
    expectEachColumnOnce([f]);
  });

  it.each(STORED)("%s: the stored outgoing credentials are judged: problem", async (_name, same) => {
    const f = await check(same);
    expect(f).toMatchObject({ status: "problem", detail: { key: "ExoBasic_Problem" } });
    expect(f.evidence).toContainEqual(credential(OUT, 1));
    expect(fields(f)).not.toContain(SAME);
  });

  it("not read: unverified, naming the setting (the stored credentials may be a leftover)", async () => {
    const f = await check(undefined);
    expect(f).toMatchObject({ status: "unverified", detail: { key: "Detail_ColumnsUnknown", args: { columns: SAME } } });
    expect(f.evidence).toEqual(expect.arrayContaining([unread, credential(OUT, 1)]));
  });

  it("Yes with credentials on incoming: outgoing signs in with them too, whatever its stored server-to-server value", async () => {
    // Only outgoing signs in to Exchange Online: its problem shows the setting and the incoming column.
    const mixed = exoProfileRow({
      incomingcredentialretrieval: 1,
      outgoingcredentialretrieval: 2,
      incomingserverlocation: ON_PREM_EWS,
      outgoingserverlocation: "smtp.office365.com",
    });
    const dump = (same: boolean) => healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [withSetting(mixed, same)] });
    const f = await findingOf("exchange-online-basic-auth", dump(true));
    expect(f.status).toBe("problem");
    expect(f.evidence).toEqual(expect.arrayContaining([yes, credential(IN, 1)]));
    expect(fields(f)).not.toContain(OUT);
    expect((await findingOf("exchange-online-basic-auth", dump(false))).status).toBe("ok");
  });

  it("Yes with the incoming column not read: unverified, never ok on the stored outgoing value", async () => {
    // Only outgoing signs in to Exchange Online; its stored value (server-to-server) would be ok.
    const row = exoProfileRow({ outgoingcredentialretrieval: 2, incomingserverlocation: ON_PREM_EWS, outgoingserverlocation: "smtp.office365.com" });
    const unread = withSetting(row, true);
    delete unread.incomingcredentialretrieval;
    const dump = (profile: Row) => healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [profile] });
    const f = await findingOf("exchange-online-basic-auth", dump(unread));
    expect(f.status).toBe("unverified");
    expect(f.evidence[0]).toEqual({ field: IN, value: { unknown: true } });
    expect((await findingOf("exchange-online-basic-auth", dump(withSetting(unread, false)))).status).toBe("ok");
  });
});

describe("tenant-mismatch", () => {
  // Another tenant; incoming cross-tenant OAuth (7), outgoing still stored as server-to-server (2).
  const profile = exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false, incomingcredentialretrieval: 7, outgoingcredentialretrieval: 2 });
  const check = (same: boolean | null | undefined, row = profile) => findingOf("tenant-mismatch", healthyDump({ emailserverprofiles: [withSetting(row, same)] }));

  it("Yes: both directions use cross-tenant OAuth: ok, on the setting and the incoming column", async () => {
    const f = await check(true);
    expect(f).toMatchObject({ status: "ok", detail: { key: "Tenant_OkCrossTenant" } });
    expect(f.evidence).toEqual(expect.arrayContaining([credential(IN, 7), yes]));
    expect(fields(f)).not.toContain(OUT);
    expectEachColumnOnce([f]);
  });

  it.each(STORED)("%s: the stored server-to-server outgoing is judged: problem", async (_name, same) => {
    const f = await check(same);
    expect(f).toMatchObject({ status: "problem", detail: { key: "Tenant_ProblemDiffers" } });
    expect(f.evidence).toContainEqual(credential(OUT, 2));
  });

  it("not read: unverified, naming the setting", async () => {
    const f = await check(undefined);
    expect(f).toMatchObject({ status: "unverified", detail: { key: "Detail_ColumnsUnknown", args: { columns: SAME } } });
    expect(f.evidence).toEqual(expect.arrayContaining([unread, credential(OUT, 2)]));
  });

  it("Yes with server-to-server incoming: a problem whatever outgoing stores, each column shown once", async () => {
    const f = await check(true, { ...profile, incomingcredentialretrieval: 2, outgoingcredentialretrieval: 7 });
    expect(f).toMatchObject({ status: "problem", detail: { key: "Tenant_ProblemDiffers" } });
    expect(fields(f).filter((x) => x === IN)).toHaveLength(1);
    expect(f.evidence).toContainEqual(yes);
    expect(fields(f)).not.toContain(OUT);
  });
});

describe("ews-basic-auth", () => {
  const exchangeServer = (over: Row) => hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", ...over });
  const dump = (row: Row) => healthyDump({ mailboxes: [mailboxRow({ ewsurl: ON_PREM_EWS })], emailserverprofiles: [row], tracelogs: [alertRow(ALERT_401_EN)] });
  // Hybrid Modern Auth incoming; outgoing still stored as credentials with Basic.
  const hma = exchangeServer({ incomingcredentialretrieval: 6, incomingauthenticationprotocol: 4, outgoingcredentialretrieval: 1, outgoingauthenticationprotocol: 3 });

  it("Yes: outgoing uses Hybrid Modern Auth like incoming: ok, on the setting and the incoming column", async () => {
    const f = await findingOf("ews-basic-auth", dump(withSetting(hma, true)));
    expect(f).toMatchObject({ status: "ok", detail: { key: "EwsBasic_OkHybridModernAuth" } });
    expect(f.evidence).toEqual(expect.arrayContaining([credential(IN, 6), yes]));
    expect(fields(f)).not.toContain(OUT);
    expectEachColumnOnce([f]);
  });

  it.each(STORED)("%s: the stored Basic outgoing with a 401 is judged: problem", async (_name, same) => {
    const f = await findingOf("ews-basic-auth", dump(withSetting(hma, same)));
    expect(f).toMatchObject({ status: "problem", detail: { key: "EwsBasic_Problem401" } });
    expect(f.evidence).toContainEqual(credential(OUT, 1));
  });

  it("not read: unverified, naming the setting (outgoing may use Hybrid Modern Auth like incoming)", async () => {
    const f = await findingOf("ews-basic-auth", dump(withSetting(hma, undefined)));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "Detail_ColumnsUnknown", args: { columns: SAME } } });
  });

  it("not read, with a stale server-to-server outgoing on an Exchange Server profile: unverified, never not-applicable", async () => {
    // Was not-applicable: the stored 2 made the profile Exchange Online, though outgoing may use incoming's Basic.
    const basic = exchangeServer({ incomingcredentialretrieval: 1, incomingauthenticationprotocol: 3, outgoingcredentialretrieval: 2 });
    const f = await findingOf("ews-basic-auth", healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [withSetting(basic, undefined)] }));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "Detail_ColumnsUnknown" } });
    expect(f.detail.args!.columns).toContain(SAME);
    expect((await findingOf("ews-basic-auth", healthyDump({ mailboxes: [mailboxRow({ ewsurl: null })], emailserverprofiles: [withSetting(basic, true)] }))).status).toBe("warning");
  });

  it("Yes takes the incoming credential retrieval, not the incoming protocol: outgoing keeps its own Basic", async () => {
    // Incoming credentials with NTLM; outgoing stored as Hybrid Modern Auth, with Basic as its protocol.
    const row = exchangeServer({ incomingcredentialretrieval: 1, incomingauthenticationprotocol: 2, outgoingcredentialretrieval: 6, outgoingauthenticationprotocol: 3 });
    const f = await findingOf("ews-basic-auth", dump(withSetting(row, true)));
    expect(f).toMatchObject({ status: "problem", detail: { key: "EwsBasic_Problem401" } });
    expect(f.evidence).toEqual(
      expect.arrayContaining([yes, credential(IN, 1), { field: "emailserverprofile.outgoingauthenticationprotocol", value: { option: "authenticationprotocol", value: 3 } }]),
    );
    expect(fields(f)).not.toContain("emailserverprofile.incomingauthenticationprotocol");
    expect(fields(f)).not.toContain(OUT);
    // With No, outgoing's own Hybrid Modern Auth stands and only incoming's NTLM is left to check.
    expect((await findingOf("ews-basic-auth", dump(withSetting(row, false)))).detail.key).toBe("EwsBasic_Warning401Other");
  });
});

describe("every check", () => {
  it.each([true, false, undefined])("shows each column once (setting %p, stale outgoing values)", async (same) => {
    const rows = [
      exoProfileRow({ incomingcredentialretrieval: 2, outgoingcredentialretrieval: 1 }),
      exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false, incomingcredentialretrieval: 2, outgoingcredentialretrieval: 7 }),
      hybridProfileRow({ incomingcredentialretrieval: 6, outgoingcredentialretrieval: 1 }),
    ];
    for (const row of rows) {
      const findings = await findingsOf(healthyDump({ emailserverprofiles: [withSetting(row, same)], tracelogs: [alertRow(ALERT_401_EN)] }));
      expectEachColumnOnce(Object.values(findings));
    }
  });
});
