/* eslint-disable @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13; here `||` reads the same. */
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
  profileOptions,
  queueOptions,
  userOptions,
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

async function settle<T>(promise: Promise<T>, offline: () => boolean): Promise<Part<T>> {
  try {
    return okPart(await promise);
  } catch (reason) {
    return failedPart(toDataError(reason, offline()));
  }
}

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
  isOffline: () => boolean = () => false,
): Promise<RawMailboxData> {
  mailboxId = normalizeGuid(mailboxId);
  const [expanded, mailboxAlerts, organizations, tenant] = await Promise.all([
    settle(client.retrieveRecord("mailbox", mailboxId, mailboxWithRelatedOptions()), isOffline),
    settle(client.retrieveMultipleRecords("tracelog", alertsOptions(mailboxId, ALERT_TOP)), isOffline),
    settle(client.retrieveMultipleRecords("organization", organizationOptions()), isOffline),
    settle(client.retrieveCurrentOrganization(), isOffline),
  ]);
  const organization: Part<Row | null> = organizations.ok ? okPart(organizations.value[0] || null) : organizations;

  if (expanded.ok) {
    const mailbox = expanded.value;
    const profileRow = asRow(mailbox[Nav.mailboxProfile]);
    const profile: Part<Row | null> = profileFromExpand(mailbox, profileRow);
    const owner = ownerFromExpand(mailbox);
    const profileId = asId(mailbox._emailserverprofile_value) || (profileRow ? asId(profileRow.emailserverprofileid) : undefined);
    const profileAlerts = await readProfileAlerts(client, profileId, isOffline, mailbox);
    return { mailbox, profile, owner, alerts: combineAlerts(mailboxAlerts, profileAlerts), organization, tenant };
  }
  if (["not-found", "offline", "throttled"].includes(expanded.error.kind)) {
    throw new MailboxUnreadableError(expanded.error);
  }

  // Fallback: the mailbox alone, then each related table on its own.
  const plain = await settle(client.retrieveRecord("mailbox", mailboxId, mailboxOptions()), isOffline);
  if (!plain.ok) throw new MailboxUnreadableError(plain.error);
  const mailbox = plain.value;
  const profileId = asId(mailbox._emailserverprofile_value);
  const [profile, owner, profileAlerts] = await Promise.all([
    profileId
      ? settle(client.retrieveRecord("emailserverprofile", profileId, profileOptions()), isOffline)
      : withoutProfile<Row | null>(mailbox, null),
    readOwner(client, mailbox, isOffline),
    readProfileAlerts(client, profileId, isOffline, mailbox),
  ]);
  return { mailbox, profile, owner, alerts: combineAlerts(mailboxAlerts, profileAlerts), organization, tenant };
}

/** The lookup was not returned (or not as a string or null): whether there is a profile is unknown. */
const PROFILE_LOOKUP_UNKNOWN: DataError = { kind: "failed", message: "_emailserverprofile_value" };
const lookupUnknown = (v: unknown): boolean => v !== null && typeof v !== "string";

/** What is known of the profile's data without its id: none when the lookup is empty, unknown when it was not returned. */
function withoutProfile<T>(mailbox: Row, none: T): Part<T> {
  return lookupUnknown(mailbox._emailserverprofile_value) ? failedPart(PROFILE_LOOKUP_UNKNOWN) : okPart(none);
}

/**
 * The profile's warning and error alerts, newest first, read directly (not by `$expand`), and bounded
 * like the mailbox's own (ALERT_TOP): a profile shared by a whole org may carry thousands.
 */
function readProfileAlerts(client: WebApiClient, profileId: string | undefined, isOffline: () => boolean, mailbox: Row): Promise<Part<Row[]>> {
  // Without the profile's id, its alerts could not be read: unknown, not none.
  if (!profileId) return Promise.resolve(withoutProfile<Row[]>(mailbox, []));
  return settle(client.retrieveMultipleRecords("tracelog", alertsOptions(profileId, ALERT_TOP)), isOffline);
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
  isOffline: () => boolean,
): Promise<Part<{ table: OwnerTable; row: Row } | null>> {
  const ownerId = asId(mailbox._regardingobjectid_value);
  if (!ownerId) return okPart(null);
  const annotated = mailbox[OWNER_TABLE_ANNOTATION];
  const tables: OwnerTable[] =
    annotated === "queue" ? ["queue"] : annotated === "systemuser" ? ["systemuser"] : ["systemuser", "queue"];
  let last: Part<{ table: OwnerTable; row: Row } | null> = okPart(null);
  for (const table of tables) {
    const options = table === "queue" ? queueOptions() : userOptions();
    const row = await settle(client.retrieveRecord(table, ownerId, options), isOffline);
    if (row.ok) return okPart({ table, row: row.value });
    last = failedPart(row.error);
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
