import { findingOf, healthyDump, mailboxRow } from "../support/rows";

const rule = "mailbox-state" as const;

describe("mailbox-state", () => {
  it("ok when every SSS direction succeeded", async () => {
    expect(await findingOf(rule, healthyDump())).toMatchObject({ status: "ok", detail: { key: "MailboxState_Ok" } });
  });

  it("problem for an inactive mailbox", async () => {
    expect(await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ statecode: 1, statuscode: 2 })] }))).toMatchObject({ status: "problem", detail: { key: "MailboxState_Inactive" } });
  });

  it("problem when a direction delivered by SSS failed, naming the directions", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ incomingemailstatus: 2, actstatus: 2 })] }));
    expect(f.status).toBe("problem");
    expect(f.detail).toEqual({
      key: "MailboxState_Failure",
      args: { directions: { key: "Directions_2", args: { d0: { key: "Direction_incoming" }, d1: { key: "Direction_act" } } } },
    });
  });

  it("a failure in a direction not delivered by SSS does not count", async () => {
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ actdeliverymethod: 0, actstatus: 2 })] }))).status).toBe("ok");
  });

  it("warning when a direction is Not Run and no test is scheduled; unverified, never ok, while the scheduled test has not run", async () => {
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ outgoingemailstatus: 0 })] }))).status).toBe("warning");
    expect(await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ outgoingemailstatus: 0, testemailconfigurationscheduled: true })] }))).toMatchObject({
      status: "unverified",
      detail: { key: "MailboxState_OkScheduled" },
      evidence: [
        { field: "mailbox.outgoingemailstatus", value: { option: "teststatus", value: 0 } },
        { field: "mailbox.testemailconfigurationscheduled", value: { flag: true } },
      ],
    });
  });

  it("ok, saying a test is scheduled, when every direction succeeded and another test is scheduled", async () => {
    expect(await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ testemailconfigurationscheduled: true })] }))).toMatchObject({
      status: "ok",
      detail: { key: "MailboxState_OkScheduled" },
    });
  });

  it("warning when SSS disabled a direction", async () => {
    expect(await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ enabledforincomingemail: false })] }))).toMatchObject({ status: "warning", detail: { key: "MailboxState_Disabled" } });
  });

  it("not applicable when no direction uses SSS; unverified for unknown values", async () => {
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ incomingemaildeliverymethod: 0, outgoingemaildeliverymethod: 0, actdeliverymethod: 2 })] }))).status).toBe(
      "not-applicable",
    );
    expect((await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ incomingemailstatus: 9 })] }))).status).toBe("unverified");
    const m = mailboxRow();
    delete m.actdeliverymethod;
    expect((await findingOf(rule, healthyDump({ mailboxes: [m] }))).status).toBe("unverified");
  });
});

describe("mailbox-state: delivery methods outside the documented values", () => {
  it("a failed test on a direction known to use server-side sync stays a problem when another method is unknown", async () => {
    // Was `unverified` (delivery methods unknown): the outgoing Failure was read, and a problem rests on what was read.
    for (const incoming of [9, null, undefined]) {
      const mailbox = mailboxRow({ incomingemaildeliverymethod: incoming, outgoingemailstatus: 2 });
      if (incoming === undefined) delete mailbox.incomingemaildeliverymethod;
      const f = await findingOf(rule, healthyDump({ mailboxes: [mailbox] }));
      expect(f).toMatchObject({ status: "problem", detail: { key: "MailboxState_Failure" } });
      expect(f.evidence).toEqual([{ field: "mailbox.outgoingemailstatus", value: { option: "teststatus", value: 2 } }]);
    }
    // An unknown method's own Failure is not known to matter: still to verify.
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ incomingemaildeliverymethod: 9, incomingemailstatus: 2 })] }));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "MailboxState_DeliveryUnknown" } });
  });

  it("unverified, not not-applicable, when the incoming method is a value outside 0–3 and the others deliver nothing by server-side sync (docs/rules.md: unknown option values are unverified, never read as one of the documented values)", async () => {
    const f = await findingOf(rule, healthyDump({ mailboxes: [mailboxRow({ incomingemaildeliverymethod: 9, outgoingemaildeliverymethod: 0, actdeliverymethod: 2 })] }));
    expect(f).toMatchObject({ status: "unverified", detail: { key: "MailboxState_DeliveryUnknown" } });
  });
});
