import type {
  AlertFacts,
  MailboxFacts,
  MailboxSnapshot,
  OrgFacts,
  OwnerFacts,
  Part,
  ProfileFacts,
  TenantFacts,
  Value,
} from "../model/snapshot";
import { okPart } from "../model/snapshot";
import { normalizeGuid } from "../model/guid";
import { parseIsoInstant } from "./isoDate";
import type { RawMailboxData } from "./loadMailboxData";
import type { Field } from "./queries";
import { MAILBOX_FIELDS, PROFILE_FIELDS, QUEUE_FIELDS, USER_FIELDS } from "./queries";
import type { Row } from "./webApiClient";

/*
 * Web API rows → plain facts. An absent column, or one of an unexpected type, becomes `undefined`
 * (unknown); a JSON null stays null (empty). Nothing here decides anything.
 */

export function str(row: Row, column: string): Value<string> {
  const v = row[column];
  if (v === null) return null;
  return typeof v === "string" ? v : undefined;
}

export function int(row: Row, column: string): Value<number> {
  const v = row[column];
  if (v === null) return null;
  return Number.isInteger(v) ? (v as number) : undefined;
}

export function bool(row: Row, column: string): Value<boolean> {
  const v = row[column];
  if (v === null) return null;
  return typeof v === "boolean" ? v : undefined;
}

/** An ISO 8601 date-time as an instant (without a zone: UTC); any other value is unknown. */
export function date(row: Row, column: string): Value<Date> {
  const v = row[column];
  if (v === null) return null;
  return typeof v === "string" ? parseIsoInstant(v) : undefined;
}

/** GUIDs compare case-insensitively, with or without braces: the one normalisation is in model/guid.ts. */
export { normalizeGuid };

function id(row: Row, column: string): string {
  const v = row[column];
  return typeof v === "string" ? normalizeGuid(v) : "";
}

function guid(row: Row, column: string): Value<string> {
  const v = str(row, column);
  return typeof v === "string" ? normalizeGuid(v) : v;
}

const READ: Record<string, (row: Row, column: string) => Value<string | number | boolean | Date>> = { k: id, g: guid, s: str, i: int, b: bool, d: date };

/** The facts of a row: each field's column, read as the field says (queries.ts). */
function factsOf<T>(row: Row, list: readonly Field[]): T {
  const facts: Record<string, unknown> = {};
  for (const [column, property, read] of list) facts[property] = READ[read](row, column);
  return facts as T;
}

export function mailboxFacts(row: Row): MailboxFacts {
  const facts = factsOf<MailboxFacts>(row, MAILBOX_FIELDS);
  const ownerTable = row["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"];
  facts.ownerTable = ownerTable === "systemuser" || ownerTable === "queue" ? ownerTable : undefined;
  return facts;
}

export const profileFacts = (row: Row): ProfileFacts => factsOf(row, PROFILE_FIELDS);

export function ownerFacts(table: "systemuser" | "queue", row: Row): OwnerFacts {
  return { table, ...factsOf<Omit<OwnerFacts, "table">>(row, table === "queue" ? QUEUE_FIELDS : USER_FIELDS) } as OwnerFacts;
}

export function alertFacts(about: "mailbox" | "profile", row: Row): AlertFacts {
  const createdOn = date(row, "createdon");
  return {
    id: id(row, "tracelogid"),
    about,
    text: str(row, "text"),
    details: str(row, "errordetails"),
    level: int(row, "level"),
    createdOn,
    // Most alerts were never changed: the same text, read once (into a Date of its own).
    modifiedOn: createdOn && row.modifiedon === row.createdon ? new Date(createdOn.getTime()) : date(row, "modifiedon"),
  };
}

const time = (d: Value<Date>): number => (d instanceof Date ? d.getTime() : -Infinity);

function mapPart<T, U>(part: Part<T>, f: (value: T) => U): Part<U> {
  return part.ok ? okPart(f(part.value)) : part;
}

export interface SnapshotContext {
  now: Date;
  clientUrl: string | null;
}

export function buildSnapshot(raw: RawMailboxData, ctx: SnapshotContext): MailboxSnapshot {
  const organization = mapPart<Row | null, OrgFacts | null>(raw.organization, (row) =>
    row
      ? {
          requireApprovalForUser: bool(row, "requireapprovalforuseremail"),
          requireApprovalForQueue: bool(row, "requireapprovalforqueueemail"),
        }
      : null,
  );
  const tenant = mapPart<Row | null, TenantFacts | null>(raw.tenant, (row) => {
    if (!row) return null;
    const tenantId = guid(row, "TenantId");
    // On-premises deployments answer with an empty GUID.
    if (tenantId === null || tenantId === "" || tenantId === "00000000-0000-0000-0000-000000000000") return null;
    return { tenantId, environmentId: str(row, "EnvironmentId") };
  });
  return {
    now: ctx.now,
    clientUrl: ctx.clientUrl,
    mailbox: mailboxFacts(raw.mailbox),
    profile: mapPart(raw.profile, (row) => (row ? profileFacts(row) : null)),
    owner: mapPart(raw.owner, (o) => (o ? ownerFacts(o.table, o.row) : null)),
    alerts: mapPart(raw.alerts, (list) =>
      list.map((a) => alertFacts(a.about, a.row)).sort((a, b) => time(b.modifiedOn) - time(a.modifiedOn)),
    ),
    organization,
    tenant,
  };
}
