/**
 * Whether the control may write to the mailbox at all, and if not, why (shown beside the disabled
 * actions). Pure: index.ts reads the facts from the PCF context.
 */

export type WriteBlock = "read-only" | "not-saved" | "offline" | "no-write-privilege";

export interface WriteFacts {
  /** The form or the control is read-only (`mode.isControlDisabled`). */
  readOnly: boolean;
  /** The record has an id (it was saved). */
  saved: boolean;
  offline: boolean;
  /** The user's role grants Write on mailboxes (`utils.hasEntityPrivilege`); undefined when the host cannot say. */
  canWriteMailbox: boolean | undefined;
}

/** The first reason the control may not write, or null when it may. An unknown privilege does not block: Dataverse decides, and a refusal is shown. */
export function writeBlock(facts: WriteFacts): WriteBlock | null {
  if (!facts.saved) return "not-saved";
  if (facts.readOnly) return "read-only";
  if (facts.offline) return "offline";
  if (facts.canWriteMailbox === false) return "no-write-privilege";
  return null;
}
