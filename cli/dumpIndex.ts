import { alertFacts, buildSnapshot } from "../MailboxHealth/data/buildSnapshot";
import type { OrgDump } from "../MailboxHealth/data/orgDump";
import { TABLES, compareKeys, sortKey } from "../MailboxHealth/data/orgDump";
import { ALERT_TOP } from "../MailboxHealth/data/queries";
import type { Row } from "../MailboxHealth/data/webApiClient";
import type { AlertFacts, DataError, MailboxSnapshot, OrgFacts, OwnerFacts, Part, ProfileFacts, TenantFacts, Value } from "../MailboxHealth/model/snapshot";
import { failedPart, okPart } from "../MailboxHealth/model/snapshot";
import { isCanonicalGuid, normalizedId, rowsByIdOf } from "./dumpIds";
import { mailboxFacts, ownerFacts, profileFacts } from "./rowFacts";

/**
 * The direct read of a dump: the snapshot of each mailbox built from the dump's rows, indexed once, without
 * going through the Web API emulation (OrgDumpClient). What it builds is exactly what `loadMailboxData`
 * + `buildSnapshot` build from an OrgDumpClient over the same dump (test/cli/dumpIndex.test.ts compares
 * both for every mailbox): the same columns (every column the snapshot reads is in the queries' `$select`),
 * the same lookups by normalized id, the same alerts (warnings and errors, newest first by the same order,
 * at most ALERT_TOP of the mailbox and of its profile), the same unknown and unreadable parts.
 *
 * What it shares among mailboxes: the facts of each profile and the facts of each profile's alerts,
 * built once. The rules only read a snapshot.
 *
 * `snapshotOf` answers undefined when a mailbox needs what only the emulation does exactly (an id that
 * is not a GUID, which the emulation's query parser judges text by text): the caller then reads that
 * mailbox through the OrgDumpClient.
 */

const OWNER_TABLE_ANNOTATION = "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname";
/** As loadMailboxData: the lookup was not returned, or not as a string or null. */
const PROFILE_LOOKUP_UNKNOWN: DataError = { kind: "failed", message: "_emailserverprofile_value" };
const lookupUnknown = (v: unknown): boolean => v !== null && typeof v !== "string";
const asString = (v: unknown): string | undefined => (typeof v === "string" && v ? v : undefined);
const asId = (v: unknown): string | undefined => {
  const id = typeof v === "string" ? normalizedId(v) : "";
  return id || undefined;
};

/** Rows by normalized id; a later row with the same id replaces an earlier one, as in OrgDumpClient. */
function byId(rows: readonly Row[] | undefined, key: string): Map<string, Row> {
  const index = new Map<string, Row>();
  for (const row of rows ?? []) index.set(normalizedId(String(row[key])), row);
  return index;
}

/** The time order of buildSnapshot: newest first, a value that is not a date last. */
const time = (d: Value<Date>): number => (d instanceof Date ? d.getTime() : -Infinity);
const newestFirst = (a: AlertFacts, b: AlertFacts): number => time(b.modifiedOn) - time(a.modifiedOn);
const dated = (a: AlertFacts): boolean => a.modifiedOn instanceof Date;

export class DumpIndex {
  private readonly mailboxes: Map<string, Row>;
  private readonly profiles: Map<string, Row>;
  private readonly users: Map<string, Row>;
  private readonly queues: Map<string, Row>;
  /** tracelog rows by the normalized id of the row they are about, in dump order. */
  private readonly alertsAbout = new Map<string, Row[]>();
  private readonly organization: Part<OrgFacts | null>;
  private readonly tenant: Part<TenantFacts | null>;
  /** Each profile's facts, once; undefined: the profile is not in the dump. */
  private readonly profileParts = new Map<string, Part<ProfileFacts | null>>();
  /** Each profile's alerts as facts, once. */
  private readonly profileAlerts = new Map<string, AlertFacts[]>();

  constructor(
    dump: OrgDump,
    private readonly now: Date,
    private readonly clientUrl: string | null,
  ) {
    // A dump read by readDump comes with its rows by id, made while it was checked.
    const rows = rowsByIdOf(dump);
    this.mailboxes = rows?.mailboxes ?? byId(dump.mailboxes, TABLES.mailbox.key);
    this.profiles = rows?.emailserverprofiles ?? byId(dump.emailserverprofiles, TABLES.emailserverprofile.key);
    this.users = rows?.systemusers ?? byId(dump.systemusers, TABLES.systemuser.key);
    this.queues = rows?.queues ?? byId(dump.queues, TABLES.queue.key);
    // A mailbox's alerts mostly come one after the other: the same id as the row before, the same list.
    let last: { regarding: string; list: Row[] } | undefined;
    for (const row of dump.tracelogs ?? []) {
      const regarding = row._regardingobjectid_value;
      if (typeof regarding !== "string") continue;
      if (last && last.regarding === regarding) {
        last.list.push(row);
        continue;
      }
      const key = normalizedId(regarding);
      let list = this.alertsAbout.get(key);
      if (list) list.push(row);
      else this.alertsAbout.set(key, (list = [row]));
      last = { regarding, list };
    }
    // The org settings and the tenant are the same for every mailbox: made by buildSnapshot once.
    const organizations = [...(rows?.organizations ?? byId(dump.organizations, TABLES.organization.key)).values()];
    const template = buildSnapshot(
      {
        mailbox: {},
        profile: okPart(null),
        owner: okPart(null),
        alerts: okPart([]),
        organization: okPart(organizations[0] ?? null),
        tenant: okPart(dump.RetrieveCurrentOrganization?.Detail ?? null),
      },
      { now, clientUrl },
    );
    this.organization = template.organization;
    this.tenant = template.tenant;
  }

  /** The mailbox's snapshot; undefined when it is to be read through the OrgDumpClient (see above). */
  snapshotOf(mailboxId: string): MailboxSnapshot | undefined {
    const id = normalizedId(mailboxId);
    const mailbox = this.mailboxes.get(id);
    if (!mailbox || !isCanonicalGuid(id)) return undefined;
    const lookup = mailbox._emailserverprofile_value;
    const lookupId = typeof lookup === "string" ? normalizedId(lookup) : undefined;
    const profileRow = lookupId !== undefined ? this.profiles.get(lookupId) : undefined;
    const profileId = (lookupId || undefined) ?? (profileRow ? asId(profileRow.emailserverprofileid) : undefined);
    if (profileId !== undefined && !isCanonicalGuid(profileId)) return undefined;

    let profile: Part<ProfileFacts | null>;
    if (profileRow) profile = this.profilePart(lookupId as string, profileRow);
    else if (lookupUnknown(lookup)) profile = failedPart(PROFILE_LOOKUP_UNKNOWN);
    else if (!asString(lookup)) profile = okPart(null);
    else profile = failedPart({ kind: "privilege", message: "emailserverprofile" });

    let alerts: Part<AlertFacts[]>;
    if (profileId === undefined && lookupUnknown(lookup)) alerts = failedPart(PROFILE_LOOKUP_UNKNOWN);
    else {
      const own = this.newest(id, "mailbox");
      const ofProfile = profileId === undefined ? [] : this.alertsOfProfile(profileId);
      // The mailbox's own list alone is in buildSnapshot's order already when every alert has a date
      // (newest puts text that is no date before the dates); a profile's list is shared: copied.
      const alone = ofProfile.length === 0 && own.every(dated);
      alerts = okPart(alone ? own : own.length + ofProfile.length > 1 ? [...own, ...ofProfile].sort(newestFirst) : [...own, ...ofProfile]);
    }

    return {
      now: this.now,
      clientUrl: this.clientUrl,
      mailbox: mailboxFacts(mailbox),
      profile,
      owner: this.owner(mailbox),
      alerts,
      organization: this.organization,
      tenant: this.tenant,
    };
  }

  private profilePart(key: string, row: Row): Part<ProfileFacts | null> {
    let part = this.profileParts.get(key);
    if (!part) this.profileParts.set(key, (part = okPart(profileFacts(row))));
    return part;
  }

  private alertsOfProfile(profileId: string): AlertFacts[] {
    let list = this.profileAlerts.get(profileId);
    if (!list) this.profileAlerts.set(profileId, (list = this.newest(profileId, "profile")));
    return list;
  }

  /**
   * The query `_regardingobjectid_value eq <id> and level ge 2`, `$orderby=modifiedon desc`, `$top`
   * ALERT_TOP, as OrgDumpClient answers it, as facts: a level that is not a number below 2; ordered by sortKey,
   * highest first, rows of the same key in dump order. Each `modifiedon` is read once: the sort key of one
   * that is a date is the time of its facts' `modifiedOn` (sortKey parses it the same way).
   */
  private newest(regardingId: string, about: AlertFacts["about"]): AlertFacts[] {
    const candidates = this.alertsAbout.get(regardingId);
    if (!candidates) return [];
    const kept: AlertFacts[] = [];
    // The times of the alerts while every one is a date (most lists); the sort keys once one is not.
    const times: number[] = [];
    let keys: { rank: number; key: number | string }[] | undefined;
    for (const row of candidates) {
      const level = row.level;
      // A level that is not a number is unknown: the row is kept, as OrgDumpClient keeps it (odataQuery `matches`).
      if (typeof level === "number" && level < 2) continue;
      const facts = alertFacts(about, row);
      kept.push(facts);
      const modified = facts.modifiedOn;
      if (!keys && modified instanceof Date) times.push(modified.getTime());
      else {
        keys ??= times.map((key) => ({ rank: 2, key }));
        keys.push(modified instanceof Date ? { rank: 2, key: modified.getTime() } : sortKey(row.modifiedon));
      }
    }
    if (kept.length <= 1) return kept;
    const order = kept.map((_, i) => i);
    // Stable: rows of the same key stay in dump order.
    if (keys) {
      const k = keys;
      order.sort((a, b) => -compareKeys(k[a], k[b]));
    } else order.sort((a, b) => times[b] - times[a]);
    if (order.length > ALERT_TOP) order.length = ALERT_TOP;
    return order.map((i) => kept[i]);
  }

  /** As loadMailboxData's owner from the expanded read: the user, else the queue, with the lookup's id. */
  private owner(mailbox: Row): Part<OwnerFacts | null> {
    const lookup = mailbox._regardingobjectid_value;
    if (typeof lookup === "string") {
      const key = normalizedId(lookup);
      const user = this.users.get(key);
      if (user) return okPart(ownerFacts("systemuser", user));
      const queue = this.queues.get(key);
      if (queue) return okPart(ownerFacts("queue", queue));
    }
    if (!asString(lookup)) return okPart(null);
    return failedPart({ kind: "privilege", message: mailbox[OWNER_TABLE_ANNOTATION] === "queue" ? "queue" : "systemuser" });
  }
}
