import { normalizeGuid } from "../../MailboxHealth/data/buildSnapshot";
import { OrgDumpClient, validateOrgDump } from "../../MailboxHealth/data/orgDump";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import type { Row } from "../../MailboxHealth/data/webApiClient";

/**
 * The demo org as the page holds it: a copy of demo/org-dump.json that the "Edit the org" panel
 * changes, read through the command line's reader (OrgDumpClient). Every request sees the org as it
 * is at that moment, so an edit shows on the next Recheck.
 */

const FORMATTED = "@OData.Community.Display.V1.FormattedValue";
const LOOKUP_TABLE = "@Microsoft.Dynamics.CRM.lookuplogicalname";

export interface MailboxSummary {
  id: string;
  name: string;
}

export interface ProfileSummary {
  id: string;
  name: string;
}

export type Owner = { table: "systemuser" | "queue"; row: Row } | null;

const text = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const same = (a: unknown, b: unknown) => typeof a === "string" && typeof b === "string" && a.trim().toLowerCase() === b.trim().toLowerCase();

/** An instant as Dataverse returns it: UTC, whole seconds. */
const stamp = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Dataverse sets `modifiedon` on every update of a row: an edit of the org does too, with the page's clock. */
function touch(row: Row): void {
  set(row, "modifiedon", stamp(new Date()));
}

/** Sets a column, and its formatted value when the row carries one (as the Web API would return it). */
function set(row: Row, column: string, value: unknown, formatted?: string): void {
  row[column] = value;
  const key = column + FORMATTED;
  if (key in row) {
    if (formatted === undefined) delete row[key];
    else row[key] = formatted;
  }
}

export class DemoOrg {
  private dump: OrgDump;
  private reader: OrgDumpClient;
  /** Edits so far, newest last, as the page shows them. */
  readonly edits: string[] = [];

  constructor(private readonly original: unknown) {
    this.dump = validateOrgDump(structuredClone(original));
    this.reader = new OrgDumpClient(this.dump);
  }

  /** The reader over the org as it is now (edits change the rows it indexed, in place). */
  get client(): OrgDumpClient {
    return this.reader;
  }

  reset(): void {
    this.dump = validateOrgDump(structuredClone(this.original));
    this.reader = new OrgDumpClient(this.dump);
    this.edits.length = 0;
  }

  mailboxes(): MailboxSummary[] {
    return (this.dump.mailboxes ?? []).map((row) => ({ id: normalizeGuid(String(row.mailboxid)), name: text(row.name) ?? String(row.mailboxid) }));
  }

  profiles(): ProfileSummary[] {
    return (this.dump.emailserverprofiles ?? []).map((row) => ({
      id: normalizeGuid(String(row.emailserverprofileid)),
      name: text(row.name) ?? String(row.emailserverprofileid),
    }));
  }

  mailbox(id: string): Row | undefined {
    return (this.dump.mailboxes ?? []).find((row) => normalizeGuid(String(row.mailboxid)) === normalizeGuid(id));
  }

  owner(mailbox: Row): Owner {
    const id = text(mailbox._regardingobjectid_value);
    if (!id) return null;
    const table = mailbox["_regardingobjectid_value" + LOOKUP_TABLE] ?? mailbox.regardingobjecttypecode;
    const find = (rows: Row[] | undefined, key: string) => rows?.find((row) => normalizeGuid(String(row[key])) === normalizeGuid(id));
    if (table === "queue") {
      const row = find(this.dump.queues, "queueid");
      return row ? { table: "queue", row } : null;
    }
    const row = find(this.dump.systemusers, "systemuserid");
    return row ? { table: "systemuser", row } : null;
  }

  ownerAddress(owner: Owner): string | undefined {
    if (!owner) return undefined;
    return text(owner.table === "queue" ? owner.row.emailaddress : owner.row.internalemailaddress);
  }

  /** The edits that would change something on this mailbox, for the panel. */
  available(id: string): AvailableEdits {
    const mailbox = this.mailbox(id);
    if (!mailbox) return { profileId: undefined };
    const owner = this.owner(mailbox);
    const ownerAddress = this.ownerAddress(owner);
    return {
      profileId: text(mailbox._emailserverprofile_value) && normalizeGuid(String(mailbox._emailserverprofile_value)),
      useOwnerAddress: ownerAddress && !same(ownerAddress, mailbox.emailaddress) ? ownerAddress : undefined,
      approve: mailbox.emailrouteraccessapproval !== 1,
      enableOwner: owner?.table === "systemuser" ? owner.row.isdisabled === true : owner?.table === "queue" && owner.row.statecode !== 0,
      readWrite: owner?.table === "systemuser" && typeof owner.row.accessmode === "number" && owner.row.accessmode !== 0,
    };
  }

  setAddress(id: string, address: string): void {
    const mailbox = this.required(id);
    set(mailbox, "emailaddress", address === "" ? null : address);
    touch(mailbox);
    this.edits.push(`${text(mailbox.name)}: address set to ${address || "(empty)"}`);
  }

  useOwnerAddress(id: string): void {
    const mailbox = this.required(id);
    const address = this.ownerAddress(this.owner(mailbox));
    if (!address) return;
    this.setAddress(id, address);
  }

  setProfile(id: string, profileId: string): void {
    const mailbox = this.required(id);
    const profile = (this.dump.emailserverprofiles ?? []).find((row) => normalizeGuid(String(row.emailserverprofileid)) === normalizeGuid(profileId));
    if (!profile) return;
    set(mailbox, "_emailserverprofile_value", String(profile.emailserverprofileid), text(profile.name));
    touch(mailbox);
    this.edits.push(`${text(mailbox.name)}: profile switched to ${text(profile.name)}`);
  }

  approve(id: string): void {
    const mailbox = this.required(id);
    set(mailbox, "emailrouteraccessapproval", 1, "Approved");
    set(mailbox, "isemailaddressapprovedbyo365admin", true);
    touch(mailbox);
    this.edits.push(`${text(mailbox.name)}: email address approved`);
  }

  enableOwner(id: string): void {
    const mailbox = this.required(id);
    const owner = this.owner(mailbox);
    if (owner?.table === "systemuser") set(owner.row, "isdisabled", false, "Enabled");
    else if (owner?.table === "queue") set(owner.row, "statecode", 0, "Active");
    else return;
    touch(owner.row);
    this.edits.push(`${text(mailbox.name)}: owner ${owner.table === "queue" ? "activated" : "enabled"}`);
  }

  readWrite(id: string): void {
    const mailbox = this.required(id);
    const owner = this.owner(mailbox);
    if (owner?.table !== "systemuser") return;
    set(owner.row, "accessmode", 0, "Read-Write");
    touch(owner.row);
    this.edits.push(`${text(mailbox.name)}: owner's access mode set to Read-Write`);
  }

  /**
   * What a successful Test & Enable leaves on the mailbox: every direction that server-side sync
   * handles enabled and tested, the time of the test, and no postponement.
   */
  testAndEnable(id: string, now: Date): void {
    const mailbox = this.required(id);
    const at = stamp(now);
    set(mailbox, "statecode", 0, "Active");
    const directions: [string, string, string, boolean][] = [
      ["incomingemaildeliverymethod", "incomingemailstatus", "enabledforincomingemail", mailbox.incomingemaildeliverymethod === 2],
      ["outgoingemaildeliverymethod", "outgoingemailstatus", "enabledforoutgoingemail", mailbox.outgoingemaildeliverymethod === 2],
      ["actdeliverymethod", "actstatus", "enabledforact", mailbox.actdeliverymethod === 1],
    ];
    for (const [, status, enabled, serverSideSync] of directions) {
      if (!serverSideSync) continue;
      set(mailbox, status, 1, "Success");
      set(mailbox, enabled, true);
    }
    set(mailbox, "mailboxstatus", 1, "Success");
    set(mailbox, "testemailconfigurationscheduled", false);
    set(mailbox, "testmailboxaccesscompletedon", at);
    set(mailbox, "postponemailboxprocessinguntil", at);
    set(mailbox, "receivingpostponeduntil", at);
    this.edits.push(`${text(mailbox.name)}: Test & Enable succeeded at ${at}`);
  }

  /**
   * What a failed Test & Enable leaves on the mailbox: every direction that server-side sync handles
   * tested with Failure, the time of the test, and a new alert on the mailbox with the server's reason.
   */
  testFailed(id: string, now: Date, alertText: string): void {
    const mailbox = this.required(id);
    const at = stamp(now);
    const directions: [string, boolean][] = [
      ["incomingemailstatus", mailbox.incomingemaildeliverymethod === 2],
      ["outgoingemailstatus", mailbox.outgoingemaildeliverymethod === 2],
      ["actstatus", mailbox.actdeliverymethod === 1],
    ];
    for (const [status, serverSideSync] of directions) if (serverSideSync) set(mailbox, status, 2, "Failure");
    set(mailbox, "mailboxstatus", 2, "Failure");
    set(mailbox, "testemailconfigurationscheduled", false);
    set(mailbox, "testmailboxaccesscompletedon", at);
    const alert: Row = {
      tracelogid: crypto.randomUUID(),
      text: alertText,
      errordetails: null,
      level: 3,
      "level@OData.Community.Display.V1.FormattedValue": "Error",
      tracestatus: false,
      createdon: at,
      modifiedon: at,
      _regardingobjectid_value: String(mailbox.mailboxid),
      "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "mailbox",
    };
    (this.dump.tracelogs ??= []).push(alert);
    // The reader indexes alerts by mailbox when it is made.
    this.reader = new OrgDumpClient(this.dump);
    this.edits.push(`${text(mailbox.name)}: Test & Enable failed at ${at}`);
  }

  /** A write the control made (context.webAPI.updateRecord on a mailbox): the columns as Dataverse stores them. */
  updateMailbox(id: string, data: Row): void {
    const mailbox = this.required(id);
    for (const [column, value] of Object.entries(data)) {
      if (column === "emailrouteraccessapproval" && value === 1) this.approve(id);
      else set(mailbox, column, value);
    }
    touch(mailbox);
  }

  private required(id: string): Row {
    const mailbox = this.mailbox(id);
    if (!mailbox) throw new Error(`No mailbox ${id} in the demo org`);
    return mailbox;
  }
}

export interface AvailableEdits {
  profileId: string | undefined;
  useOwnerAddress?: string;
  approve?: boolean;
  enableOwner?: boolean;
  readWrite?: boolean;
}
