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
  return typeof v === "number" && Number.isInteger(v) ? v : undefined;
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

export function mailboxFacts(row: Row): MailboxFacts {
  const ownerTable = row["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"];
  return {
    id: id(row, "mailboxid"),
    name: str(row, "name"),
    emailAddress: str(row, "emailaddress"),
    stateCode: int(row, "statecode"),
    incomingMethod: int(row, "incomingemaildeliverymethod"),
    outgoingMethod: int(row, "outgoingemaildeliverymethod"),
    actMethod: int(row, "actdeliverymethod"),
    incomingStatus: int(row, "incomingemailstatus"),
    outgoingStatus: int(row, "outgoingemailstatus"),
    actStatus: int(row, "actstatus"),
    enabledForIncoming: bool(row, "enabledforincomingemail"),
    enabledForOutgoing: bool(row, "enabledforoutgoingemail"),
    enabledForAct: bool(row, "enabledforact"),
    approval: int(row, "emailrouteraccessapproval"),
    approvedByO365Admin: bool(row, "isemailaddressapprovedbyo365admin"),
    testScheduled: bool(row, "testemailconfigurationscheduled"),
    testCompletedOn: date(row, "testmailboxaccesscompletedon"),
    postponeProcessingUntil: date(row, "postponemailboxprocessinguntil"),
    receivingPostponedUntil: date(row, "receivingpostponeduntil"),
    lastSuccessfulSync: date(row, "lastsuccessfulsynccompletedon"),
    ewsUrl: str(row, "ewsurl"),
    ownerId: guid(row, "_regardingobjectid_value"),
    ownerTable: ownerTable === "systemuser" || ownerTable === "queue" ? ownerTable : undefined,
    profileId: guid(row, "_emailserverprofile_value"),
    modifiedOn: date(row, "modifiedon"),
  };
}

export function profileFacts(row: Row): ProfileFacts {
  return {
    id: id(row, "emailserverprofileid"),
    name: str(row, "name"),
    serverType: int(row, "servertype"),
    serverTypeName: str(row, "emailservertypename"),
    incomingCredential: int(row, "incomingcredentialretrieval"),
    outgoingCredential: int(row, "outgoingcredentialretrieval"),
    incomingAuth: int(row, "incomingauthenticationprotocol"),
    outgoingAuth: int(row, "outgoingauthenticationprotocol"),
    useAutodiscover: bool(row, "useautodiscover"),
    incomingLocation: str(row, "incomingserverlocation"),
    outgoingLocation: str(row, "outgoingserverlocation"),
    defaultLocation: str(row, "defaultserverlocation"),
    tenantId: str(row, "exchangeonlinetenantid"),
    useDefaultTenantId: bool(row, "usedefaulttenantid"),
    stateCode: int(row, "statecode"),
    modifiedOn: date(row, "modifiedon"),
  };
}

export function ownerFacts(table: "systemuser" | "queue", row: Row): OwnerFacts {
  if (table === "queue") {
    return {
      table,
      id: id(row, "queueid"),
      name: str(row, "name"),
      email: str(row, "emailaddress"),
      stateCode: int(row, "statecode"),
      modifiedOn: date(row, "modifiedon"),
    };
  }
  return {
    table,
    id: id(row, "systemuserid"),
    name: str(row, "fullname"),
    email: str(row, "internalemailaddress"),
    isDisabled: bool(row, "isdisabled"),
    accessMode: int(row, "accessmode"),
    azureState: int(row, "azurestate"),
    entraObjectId: guid(row, "azureactivedirectoryobjectid"),
    applicationId: guid(row, "applicationid"),
    isIntegrationUser: bool(row, "isintegrationuser"),
    modifiedOn: date(row, "modifiedon"),
  };
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
