import type { WebApiWriter } from "./webApiClient";

/**
 * The control's only writes to Dataverse, one function each (sources in docs/rules.md, "Writes").
 * Each is one `updateRecord` on the mailbox row, made only after the admin confirmed the action.
 */

/** The body of each write, by the action the admin confirmed. */
const WRITES = {
  /**
   * Test & Enable Mailbox for one mailbox: sets `testemailconfigurationscheduled`, which queues the mailbox
   * for the asynchronous test that server-side synchronization runs, as the mailbox command does. Nothing
   * else: delivery methods, approval and statuses stay as the admin set them; the server writes the
   * results (statuses, `testmailboxaccesscompletedon`) and clears the flag when the test has run.
   */
  test: { testemailconfigurationscheduled: true },
  /**
   * Approve Email for the mailbox's address: `emailrouteraccessapproval` 1 (Approved) on the mailbox, the
   * record the platform's Approve Email command approves. Dataverse refuses it without the privilege
   * prvApproveRejectEmailAddress and, for Exchange Online, without a Global or Exchange administrator role.
   */
  approve: { emailrouteraccessapproval: 1 },
};

/** The write for a confirmed action (Test & Enable: "test", Approve Email: "approve"). */
export function mailboxWrite(writer: WebApiWriter, mailboxId: string, action: keyof typeof WRITES): Promise<void> {
  // A body of its own for each write: a host may keep or change the object it is given.
  return writer.updateRecord("mailbox", mailboxId, { ...WRITES[action] });
}

export const scheduleTestAndEnable = (writer: WebApiWriter, mailboxId: string) => mailboxWrite(writer, mailboxId, "test");
export const approveEmail = (writer: WebApiWriter, mailboxId: string) => mailboxWrite(writer, mailboxId, "approve");

/** The columns the wait for a test reads on each poll. */
export const TEST_WATCH_COLUMNS = [
  "mailboxid",
  "testemailconfigurationscheduled",
  "testmailboxaccesscompletedon",
  "incomingemailstatus",
  "outgoingemailstatus",
  "actstatus",
  "incomingemaildeliverymethod",
  "outgoingemaildeliverymethod",
  "actdeliverymethod",
] as const;

export const testWatchOptions = (): string => `?$select=${TEST_WATCH_COLUMNS.join(",")}`;
