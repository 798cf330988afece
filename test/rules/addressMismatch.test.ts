import { alertRow, ALERT_401_EN, findingOf, healthyDump, IDS, mailboxRow, queueRow, userRow } from "../support/rows";

const rule = "address-mismatch" as const;

describe("address-mismatch (cause 1)", () => {
  it("ok when the addresses match ignoring case and spaces, and no 401", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ emailaddress: "  ALEXW@contoso.COM " })] }));
    expect(f.status).toBe("ok");
    expect(f.cause).toBe(1);
    expect(f.evidence).toEqual([
      { field: "mailbox.emailaddress", value: "  ALEXW@contoso.COM " },
      { field: "systemuser.internalemailaddress", value: "AlexW@contoso.com" },
    ]);
    expect(f.fix).toEqual([]);
  });

  it("problem when the mailbox address differs from the user's primary email", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ emailaddress: "alex.wilber@contoso.com" })] }));
    expect(f.status).toBe("problem");
    expect(f.detail.key).toBe("AddressMismatch_DiffersUser");
    expect(f.evidence.map((e) => e.value)).toEqual(["alex.wilber@contoso.com", "AlexW@contoso.com"]);
    expect(f.fix.map((m) => m.key)).toContain("AddressMismatch_Fix_AlignUser");
    expect(f.links.map((l) => l.url)).toContain(`https://contoso.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=systemuser&id=${IDS.user}`);
  });

  it("problem when a queue mailbox differs from the queue's incoming address", async () => {
    const f = await findingOf(
      rule,
      healthyDump({
        mailboxes: [mailboxRow({ emailaddress: "help@contoso.com", _regardingobjectid_value: IDS.queue, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue" })],
        queues: [queueRow({ emailaddress: "support@contoso.com" })],
      }),
    );
    expect(f.status).toBe("problem");
    expect(f.detail.key).toBe("AddressMismatch_DiffersQueue");
    expect(f.evidence[1]).toEqual({ field: "queue.emailaddress", value: "support@contoso.com" });
  });

  it.each([[null], [""], ["alex wilber"], ["alexw@contoso"]])("problem when the mailbox address is %p", async (address) => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ emailaddress: address })] }));
    expect(f.status).toBe("problem");
    expect(f.detail.key).toBe("AddressMismatch_Invalid");
  });

  it("problem when Exchange says it has no mailbox for the address, even though Dynamics 365 matches", async () => {
    const f = await findingOf(
      rule,
      healthyDump({
        tracelogs: [alertRow("The mailbox Alex Wilber could not be tested. ErrorNonExistentMailbox: The SMTP address has no mailbox associated with it.")],
      }),
    );
    expect(f.status).toBe("problem");
    expect(f.detail).toEqual({ key: "AddressMismatch_NoExchangeMailbox", args: { address: "alexw@contoso.com" } });
    expect(f.evidence.some((e) => e.field === "tracelog.text")).toBe(true);
    expect(f.links.map((l) => l.url)).toContain("https://admin.exchange.microsoft.com/#/mailboxes");
  });

  it("unverified when addresses match but a 401 alert exists: the primary SMTP address is invisible", async () => {
    const f = await findingOf(rule, healthyDump({ tracelogs: [alertRow(ALERT_401_EN)] }));
    expect(f.status).toBe("unverified");
    expect(f.detail.key).toBe("AddressMismatch_MatchBut401");
    expect(f.fix[0]).toEqual({ key: "AddressMismatch_Fix_FindPrimarySmtp", args: { address: "alexw@contoso.com" } });
  });

  it("an alert older than the last successful Test & Enable is history, not evidence", async () => {
    const f = await findingOf(
      rule,
      healthyDump({ tracelogs: [alertRow(ALERT_401_EN, { createdon: "2026-11-01T07:00:00Z", modifiedon: "2026-11-02T07:00:00Z" })] }),
    );
    expect(f.status).toBe("ok");
  });

  it("unverified, not ok, when the owner cannot be read", async () => {
    const f = await findingOf(rule, healthyDump({ systemusers: [] }));
    expect(f.status).toBe("unverified");
    expect(f.detail.key).toBe("Detail_CannotRead");
  });

  it("unverified when the owner's address column is missing", async () => {
    const user = userRow();
    delete user.internalemailaddress;
    const f = await findingOf(rule, healthyDump({ systemusers: [user] }));
    expect(f.status).toBe("unverified");
    expect(f.detail.key).toBe("AddressMismatch_OwnerAddressUnknown");
  });

  it("unverified when the mailbox address column is missing (unknown is not empty)", async () => {
    const mailbox = mailboxRow();
    delete mailbox.emailaddress;
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailbox] }));
    expect(f.status).toBe("unverified");
  });

  it("works without lookup annotations (owner table found by the expand)", async () => {
    const mailbox = mailboxRow();
    delete mailbox["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"];
    delete mailbox["_emailserverprofile_value@Microsoft.Dynamics.CRM.lookuplogicalname"];
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailbox], systemusers: [userRow({ internalemailaddress: "other@contoso.com" })] }));
    expect(f.status).toBe("problem");
  });
});

describe("address-mismatch: profile alerts and 401 forms", () => {
  it("unverified: a profile alert that names this mailbox's address in single quotes is this mailbox's 401 (rules.md, Alerts: a profile alert naming one mailbox is evidence for that mailbox)", async () => {
    const text = "Email cannot be received for the mailbox 'alexw@contoso.com'. Email Server Error Code: Http server returned 401 Unauthorized exception.";
    const f = await findingOf(rule, healthyDump({ tracelogs: [alertRow(text, { _regardingobjectid_value: IDS.profile })] }));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "AddressMismatch_MatchBut401" } });
  });

  it.each(["Email Server Error Code: Http server returned 401.", "EWS answered HTTP 401.", "The request failed with status code 401."])(
    "unverified: a documented 401 form at the end of a sentence is a 401 (rules.md, 401 alert: `HTTP 401`, `status code 401`, `Http server returned 401`): %s",
    async (text) => {
      const f = await findingOf(rule, healthyDump({ tracelogs: [alertRow(text)] }));
      expect(f).toMatchObject({ status: "unverified", detail: { key: "AddressMismatch_MatchBut401" } });
    },
  );
});
