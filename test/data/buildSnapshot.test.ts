import { buildSnapshot, mailboxFacts, normalizeGuid, profileFacts } from "../../MailboxHealth/data/buildSnapshot";
import { okPart } from "../../MailboxHealth/model/snapshot";
import { alertRow, exoProfileRow, IDS, mailboxRow, NOW } from "../support/rows";

describe("building the snapshot from Web API rows", () => {
  it("absent or mistyped columns are unknown (undefined); JSON null stays null", () => {
    const row = mailboxRow({ emailaddress: null, statecode: "0", incomingemailstatus: 1.5, enabledforact: "true", testmailboxaccesscompletedon: "not a date" });
    delete row.ewsurl;
    const m = mailboxFacts(row);
    expect(m.emailAddress).toBeNull();
    expect(m.stateCode).toBeUndefined();
    expect(m.incomingStatus).toBeUndefined();
    expect(m.enabledForAct).toBeUndefined();
    expect(m.testCompletedOn).toBeUndefined();
    expect(m.ewsUrl).toBeUndefined();
  });

  it("normalizes GUIDs (case, braces) and reads the owner table from the annotation when present", () => {
    expect(normalizeGuid("{5F8D7E2A-1C3B-4E6F-9A0B-2C4D6E8F0A1B}")).toBe(IDS.mailbox);
    const m = mailboxFacts(mailboxRow({ mailboxid: `{${IDS.mailbox.toUpperCase()}}` }));
    expect(m.id).toBe(IDS.mailbox);
    expect(m.ownerTable).toBe("systemuser");
    const withoutAnnotation = mailboxRow();
    delete withoutAnnotation["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"];
    expect(mailboxFacts(withoutAnnotation).ownerTable).toBeUndefined();
  });

  it("reads \"Use Same Settings for Outgoing Connection\" as yes/no: absent or mistyped is unknown, null stays null", () => {
    const read = (value: unknown) => {
      const row = exoProfileRow({ usesamesettingsforoutgoingconnections: value });
      if (value === undefined) delete row.usesamesettingsforoutgoingconnections;
      return profileFacts(row).sameSettingsForOutgoing;
    };
    expect(read(true)).toBe(true);
    expect(read(false)).toBe(false);
    expect(read(null)).toBeNull();
    expect(read(undefined)).toBeUndefined();
    expect(read(1)).toBeUndefined();
    expect(read("true")).toBeUndefined();
  });

  it("keeps unknown option values as numbers for the rules to judge", () => {
    expect(profileFacts(exoProfileRow({ servertype: 99 })).serverType).toBe(99);
  });

  it("sorts alerts newest first and treats an empty tenant GUID as on-premises", () => {
    const s = buildSnapshot(
      {
        mailbox: mailboxRow(),
        profile: okPart(null),
        owner: okPart(null),
        alerts: okPart([
          { about: "mailbox", row: alertRow("old", { modifiedon: "2026-11-01T00:00:00Z" }) },
          { about: "profile", row: alertRow("new", { modifiedon: "2026-11-19T00:00:00Z" }) },
        ]),
        organization: okPart(null),
        tenant: okPart({ TenantId: "00000000-0000-0000-0000-000000000000" }),
      },
      { now: NOW, clientUrl: null },
    );
    expect(s.alerts.ok && s.alerts.value.map((a) => `${a.about}:${a.text}`)).toEqual(["profile:new", "mailbox:old"]);
    expect(s.tenant).toEqual({ ok: true, value: null });
  });
});
