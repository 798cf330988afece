/**
 * An option value outside the documented ones is unknown, never read as one of them (docs/rules.md,
 * "Unknown option values"): a check that would be `ok`, `not-applicable` or a `warning` on such a value is
 * `unverified` and names the column. Each case below was `ok` before.
 */
import * as options from "../../MailboxHealth/model/options";
import type { OptionSet } from "../../MailboxHealth/model/finding";

const { documented } = options;
import { healthyDump, IDS, mailboxRow, queueRow, userRow, findingOf } from "../support/rows";

const unverifiedNaming = (column: string) => ({ status: "unverified", detail: { key: "Detail_ColumnsUnknown", args: { columns: column } } });

describe("an option value that is not documented", () => {
  it.each([3, -1, 99])("recreated-user: the owner's azurestate %i", async (azurestate) => {
    const f = await findingOf("recreated-user", healthyDump({ systemusers: [userRow({ azurestate })] }));
    expect(f).toMatchObject(unverifiedNaming("systemuser.azurestate"));
  });

  it.each([2, 5])("mailbox-state: the mailbox's statecode %i", async (statecode) => {
    const f = await findingOf("mailbox-state", healthyDump({ mailboxes: [mailboxRow({ statecode })] }));
    expect(f).toMatchObject(unverifiedNaming("mailbox.statecode"));
  });

  it("owner-state: the queue's statecode 7", async () => {
    const queueMailbox = mailboxRow({ _regardingobjectid_value: IDS.queue, "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue", emailaddress: "support@contoso.com" });
    const f = await findingOf("owner-state", healthyDump({ mailboxes: [queueMailbox], queues: [queueRow({ statecode: 7 })] }));
    expect(f).toMatchObject(unverifiedNaming("queue.statecode"));
  });

  it.each([
    ["incoming", { incomingemaildeliverymethod: -2 }, "mailbox.incomingemaildeliverymethod"],
    ["outgoing", { outgoingemaildeliverymethod: 7 }, "mailbox.outgoingemaildeliverymethod"],
  ])("every cause: the %s delivery method", async (_direction, over, column) => {
    const dump = healthyDump({ mailboxes: [mailboxRow(over)] });
    for (const rule of ["address-mismatch", "tenant-mismatch", "recreated-user", "exchange-online-basic-auth"] as const) {
      expect(await findingOf(rule, dump)).toMatchObject(unverifiedNaming(column));
    }
    expect(await findingOf("mailbox-state", dump)).toMatchObject({ status: "unverified", detail: { key: "MailboxState_DeliveryUnknown" } });
  });

  // Read access is not what is missing: the value was read. The step says to look at the record.
  it("a value that is not documented asks for a look at the record; a column not returned asks for read access", async () => {
    const odd = await findingOf("recreated-user", healthyDump({ systemusers: [userRow({ azurestate: 3 })] }));
    expect(odd.fix.map((m) => m.key)).toEqual(["Fix_CheckValue"]);
    const user = userRow();
    delete user.azurestate;
    const unread = await findingOf("recreated-user", healthyDump({ systemusers: [user] }));
    expect([unread.status, unread.fix.map((m) => m.key)]).toEqual(["unverified", ["Fix_GrantReadAndRecheck"]]);
    const delivery = healthyDump({ mailboxes: [mailboxRow({ incomingemaildeliverymethod: 9 })] });
    expect((await findingOf("mailbox-state", delivery)).fix.map((m) => m.key)).toEqual(["Fix_CheckValue"]);
    expect((await findingOf("processing-schedule", delivery)).fix).toEqual([]);
  });

  it("the documented values are the option sets of model/options.ts, each from 0 without a gap", () => {
    const sets: Record<OptionSet, Record<string, number>> = {
      servertype: options.ServerType,
      credentialretrieval: options.CredentialRetrieval,
      authenticationprotocol: options.AuthProtocol,
      approval: options.Approval,
      teststatus: options.TestStatus,
      accessmode: options.AccessMode,
      azurestate: options.AzureState,
      statecode: options.State,
      incomingdelivery: options.IncomingDelivery,
      outgoingdelivery: options.OutgoingDelivery,
      actdelivery: options.ActDelivery,
    };
    for (const [option, set] of Object.entries(sets) as [OptionSet, Record<string, number>][]) {
      const values = Object.values(set).sort((a, b) => a - b);
      expect({ option, values }).toEqual({ option, values: values.map((_, i) => i) });
      expect({ option, max: options.OPTION_MAX[option] }).toEqual({ option, max: values.length - 1 });
    }
  });

  it("a value is documented when it is in its set", () => {
    expect([0, 1].map((v) => documented("statecode", v))).toEqual([true, true]);
    expect([-1, 2].map((v) => documented("statecode", v))).toEqual([false, false]);
    expect(documented("credentialretrieval", 7)).toBe(true);
    expect(documented("credentialretrieval", 8)).toBe(false);
    expect(documented("incomingdelivery", 3)).toBe(true);
    expect(documented("outgoingdelivery", 3)).toBe(false);
  });
});
