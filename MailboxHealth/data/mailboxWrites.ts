import type { WebApiWriter } from "./webApiClient";

/**
 * The control's only writes to Dataverse, one function each (sources in docs/rules.md, "Writes").
 * Each is one `updateRecord` on the mailbox row, made only after the admin confirmed the action.
 */

/**
 * Test & Enable Mailbox for one mailbox: sets `testemailconfigurationscheduled`, which queues the mailbox
 * for the asynchronous test that server-side synchronization runs, as the mailbox command does. Nothing
 * else: delivery methods, approval and statuses stay as the admin set them; the server writes the
 * results (statuses, `testmailboxaccesscompletedon`) and clears the flag when the test has run.
 */
export function scheduleTestAndEnable(writer: WebApiWriter, mailboxId: string): Promise<void> {
  return writer.updateRecord("mailbox", mailboxId, { testemailconfigurationscheduled: true });
}

/**
 * Approve Email for the mailbox's address: `emailrouteraccessapproval` 1 (Approved) on the mailbox, the
 * record the platform's Approve Email command approves. Dataverse refuses it without the privilege
 * prvApproveRejectEmailAddress and, for Exchange Online, without a Global or Exchange administrator role.
 */
export function approveEmail(writer: WebApiWriter, mailboxId: string): Promise<void> {
  return writer.updateRecord("mailbox", mailboxId, { emailrouteraccessapproval: 1 });
}

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
