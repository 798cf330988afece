/* eslint-disable @typescript-eslint/prefer-nullish-coalescing, @typescript-eslint/prefer-optional-chain -- `??` and `?.` are rewritten into longer code for Safari 13; here `||` and `&&` read the same. */
import type { DataError, OwnerTable, Part } from "../model/snapshot";
import { failedPart, okPart } from "../model/snapshot";
import { normalizeGuid } from "../model/guid";
import { toDataError } from "./errors";
import {
  ALERT_TOP,
  Nav,
  alertsOptions,
  mailboxOptions,
  mailboxWithRelatedOptions,
  organizationOptions,
  ownerOptions,
  profileOptions,
} from "./queries";
import type { Row, WebApiClient } from "./webApiClient";

/** The rows one diagnosis needs, as the Web API returned them. */
export interface RawMailboxData {
  mailbox: Row;
  profile: Part<Row | null>;
  owner: Part<{ table: OwnerTable; row: Row } | null>;
  alerts: Part<{ about: "mailbox" | "profile"; row: Row }[]>;
  organization: Part<Row | null>;
  tenant: Part<Row | null>;
}

/** The mailbox row itself could not be read: nothing can be diagnosed. */
export class MailboxUnreadableError extends Error {
  constructor(public readonly error: DataError) {
    super(error.message);
    this.name = "MailboxUnreadableError";
  }
}

const OWNER_TABLE_ANNOTATION = "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname";

const asString = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
/** A lookup's id as every query sends it: the one normalisation (model/guid.ts), so `" {ABC} "` matches `abc`. */
const asId = (v: unknown): string | undefined => (typeof v === "string" ? normalizeGuid(v) || undefined : undefined);
const asRow = (v: unknown): Row | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Row) : null);

/**
 * Reads everything in two round trips: first, in parallel, the mailbox with its profile and owner by
 * `$expand`, the mailbox's alerts, the org settings and the tenant; then the alerts of the mailbox's
 * profile, by their own query (never through an expanded collection, which Dataverse may serve from a
 * cache: see queries.ts), so that Recheck shows them as they are now.
 * When the expanded read fails (for example no read privilege on email server profiles), it falls back
 * to one request per table so that one failure only affects the rules that need that table.
 */
export async function loadMailboxData(
  client: WebApiClient,
  mailboxId: string,
  isOffline?: () => boolean,
): Promise<RawMailboxData> {
  mailboxId = normalizeGuid(mailboxId);
  /** The answer to a request, or the reason it failed. */
  const read = async <T>(request: Promise<T>): Promise<Part<T>> => {
    try {
      return okPart(await request);
    } catch (reason) {
      return failedPart(toDataError(reason, isOffline && isOffline()));
    }
  };
  /**
   * The warning and error alerts of a row, newest first, read directly (not by `$expand`), and bounded
   * (ALERT_TOP): a profile shared by a whole org may carry thousands.
   */
  const readAlerts = (regardingId: string) => read(client.retrieveMultipleRecords("tracelog", alertsOptions(regardingId, ALERT_TOP)));
  const [expanded, mailboxAlerts, organizations, tenant] = await Promise.all([
    read(client.retrieveRecord("mailbox", mailboxId, mailboxWithRelatedOptions())),
    readAlerts(mailboxId),
    read(client.retrieveMultipleRecords("organization", organizationOptions())),
    read(client.retrieveCurrentOrganization()),
  ]);
  if (!expanded.ok && ["not-found", "offline", "throttled"].includes(expanded.error.kind)) {
    throw new MailboxUnreadableError(expanded.error);
  }
  // Fallback: the mailbox alone, then each related table on its own.
  const plain = expanded.ok ? expanded : await read(client.retrieveRecord("mailbox", mailboxId, mailboxOptions()));
  if (!plain.ok) throw new MailboxUnreadableError(plain.error);
  const mailbox = plain.value;
  const profileRow = expanded.ok ? asRow(mailbox[Nav.mailboxProfile]) : null;
  const profileId = asId(mailbox._emailserverprofile_value) || asId(profileRow && profileRow.emailserverprofileid);
  const [profile, owner, profileAlerts] = await Promise.all([
    expanded.ok
      ? profileFromExpand(mailbox, profileRow)
      : profileId
        ? read(client.retrieveRecord("emailserverprofile", profileId, profileOptions()))
        : withoutProfile<Row | null>(mailbox, null),
    expanded.ok ? ownerFromExpand(mailbox) : readOwner(client, mailbox, read),
    // Without the profile's id, its alerts could not be read: unknown, not none.
    profileId ? readAlerts(profileId) : withoutProfile<Row[]>(mailbox, []),
  ]);
  return {
    mailbox,
    profile,
    owner,
    alerts: combineAlerts(mailboxAlerts, profileAlerts),
    organization: organizations.ok ? okPart(organizations.value[0] || null) : organizations,
    tenant,
  };
}

/** The lookup was not returned (or not as a string or null): whether there is a profile is unknown. */
const PROFILE_LOOKUP_UNKNOWN: DataError = { kind: "failed", message: "_emailserverprofile_value" };

/** What is known of the profile's data without its id: none when the lookup is empty, unknown when it was not returned. */
function withoutProfile<T>(mailbox: Row, none: T): Part<T> {
  const lookup = mailbox._emailserverprofile_value;
  return lookup !== null && typeof lookup !== "string" ? failedPart(PROFILE_LOOKUP_UNKNOWN) : okPart(none);
}

function profileFromExpand(mailbox: Row, profileRow: Row | null): Part<Row | null> {
  if (profileRow) return okPart(profileRow);
  // A lookup value without the expanded row: the row is there but was not returned to this user.
  if (asString(mailbox._emailserverprofile_value)) return failedPart({ kind: "privilege", message: "emailserverprofile" });
  return withoutProfile(mailbox, null);
}

function ownerFromExpand(mailbox: Row): Part<{ table: OwnerTable; row: Row } | null> {
  const user = asRow(mailbox[Nav.mailboxUser]);
  if (user) return okPart({ table: "systemuser", row: user });
  const queue = asRow(mailbox[Nav.mailboxQueue]);
  if (queue) return okPart({ table: "queue", row: queue });
  if (!asString(mailbox._regardingobjectid_value)) return okPart(null);
  const table = mailbox[OWNER_TABLE_ANNOTATION] === "queue" ? "queue" : "systemuser";
  return failedPart({ kind: "privilege", message: table });
}

async function readOwner(
  client: WebApiClient,
  mailbox: Row,
  read: <T>(request: Promise<T>) => Promise<Part<T>>,
): Promise<Part<{ table: OwnerTable; row: Row } | null>> {
  const ownerId = asId(mailbox._regardingobjectid_value);
  if (!ownerId) return okPart(null);
  const annotated = mailbox[OWNER_TABLE_ANNOTATION];
  const tables: OwnerTable[] = annotated === "queue" || annotated === "systemuser" ? [annotated] : ["systemuser", "queue"];
  let last: Part<{ table: OwnerTable; row: Row } | null> = okPart(null);
  for (const table of tables) {
    const row = await read(client.retrieveRecord(table, ownerId, ownerOptions[table]));
    if (row.ok) return okPart({ table, row: row.value });
    last = row;
    if (row.error.kind !== "not-found") break;
  }
  return last;
}

function combineAlerts(
  mailboxAlerts: Part<Row[]>,
  profileAlerts: Part<Row[]>,
): Part<{ about: "mailbox" | "profile"; row: Row }[]> {
  if (!mailboxAlerts.ok) return mailboxAlerts;
  if (!profileAlerts.ok) return profileAlerts;
  return okPart([
    ...mailboxAlerts.value.map((row) => ({ about: "mailbox" as const, row })),
    ...profileAlerts.value.map((row) => ({ about: "profile" as const, row })),
  ]);
}
