/**
 * Every column the diagnosis reads, per table, as explicit `$select` lists.
 * None of the secret columns (SECRET_COLUMNS) is ever selected: tests check every request sent.
 */

/**
 * A column read, the property of the snapshot that holds it and how its value is read (buildSnapshot.ts):
 * `k` the row's own id, `g` a GUID, `s` text, `i` a whole number, `b` yes/no, `d` a date-time.
 */
export type Field = readonly [column: string, property: string, read: string];

/** One `column property read` a line: the table's columns in the order of its `$select`. */
const fields = (spec: string): Field[] => spec.trim().split("\n").map((line) => line.split(" ") as unknown as Field);
const columnsOf = (list: readonly Field[]): string[] => list.map((f) => f[0]);

export const MAILBOX_FIELDS = fields(`
mailboxid id k
name name s
emailaddress emailAddress s
statecode stateCode i
incomingemaildeliverymethod incomingMethod i
outgoingemaildeliverymethod outgoingMethod i
actdeliverymethod actMethod i
incomingemailstatus incomingStatus i
outgoingemailstatus outgoingStatus i
actstatus actStatus i
enabledforincomingemail enabledForIncoming b
enabledforoutgoingemail enabledForOutgoing b
enabledforact enabledForAct b
emailrouteraccessapproval approval i
isemailaddressapprovedbyo365admin approvedByO365Admin b
testemailconfigurationscheduled testScheduled b
testmailboxaccesscompletedon testCompletedOn d
postponemailboxprocessinguntil postponeProcessingUntil d
receivingpostponeduntil receivingPostponedUntil d
lastsuccessfulsynccompletedon lastSuccessfulSync d
ewsurl ewsUrl s
_regardingobjectid_value ownerId g
_emailserverprofile_value profileId g
modifiedon modifiedOn d
`);

export const PROFILE_FIELDS = fields(`
emailserverprofileid id k
name name s
servertype serverType i
emailservertypename serverTypeName s
incomingcredentialretrieval incomingCredential i
outgoingcredentialretrieval outgoingCredential i
usesamesettingsforoutgoingconnections sameSettingsForOutgoing b
incomingauthenticationprotocol incomingAuth i
outgoingauthenticationprotocol outgoingAuth i
useautodiscover useAutodiscover b
incomingserverlocation incomingLocation s
outgoingserverlocation outgoingLocation s
defaultserverlocation defaultLocation s
exchangeonlinetenantid tenantId s
usedefaulttenantid useDefaultTenantId b
statecode stateCode i
modifiedon modifiedOn d
`);

export const USER_FIELDS = fields(`
systemuserid id k
fullname name s
internalemailaddress email s
isdisabled isDisabled b
accessmode accessMode i
azurestate azureState i
azureactivedirectoryobjectid entraObjectId g
applicationid applicationId g
isintegrationuser isIntegrationUser b
modifiedon modifiedOn d
`);

export const QUEUE_FIELDS = fields(`
queueid id k
name name s
emailaddress email s
statecode stateCode i
modifiedon modifiedOn d
`);

export const MAILBOX_COLUMNS = columnsOf(MAILBOX_FIELDS);
export const PROFILE_COLUMNS = columnsOf(PROFILE_FIELDS);
export const USER_COLUMNS = columnsOf(USER_FIELDS);
export const QUEUE_COLUMNS = columnsOf(QUEUE_FIELDS);

export const ALERT_COLUMNS = [
  "tracelogid",
  "text",
  "errordetails",
  "level",
  "createdon",
  "modifiedon",
  "_regardingobjectid_value",
] as const;

export const ORGANIZATION_COLUMNS = [
  "organizationid",
  "requireapprovalforuseremail",
  "requireapprovalforqueueemail",
] as const;

/** Columns that hold passwords, tokens or test payloads. Never selected, never written to a dump. */
export const SECRET_COLUMNS = [
  "password",
  "oauthaccesstoken",
  "oauthrefreshtoken",
  "incomingpassword",
  "outgoingpassword",
  "oauthclientsecret",
  "emailpassword",
  "lasttestrequest",
  "lasttestresponse",
] as const;

/** How many alerts of the mailbox to read: the newest ones; repeated errors update the same row. */
export const ALERT_TOP = 50;
/** Warnings and errors; information alerts (e.g. "mailbox connected") are not evidence. */
export const ALERT_FILTER = "level ge 2";

/** Single-valued navigation properties of mailbox (powerapps-docs entity reference). */
export const Nav = {
  mailboxProfile: "emailserverprofile",
  mailboxUser: "regardingobjectid",
  mailboxQueue: "regardingobjectid_queue",
} as const;

// The texts are built once: the same for every mailbox (a run over an org sends them thousands of times).
const select = (columns: readonly string[]): string => `?$select=${columns.join(",")}`;
const MAILBOX = select(MAILBOX_COLUMNS);
const PROFILE = select(PROFILE_COLUMNS);
const USER = select(USER_COLUMNS);
const QUEUE = select(QUEUE_COLUMNS);
/** A navigation property expanded with the query options of its table (nested: without the `?`). */
const expand = (navigation: string, options: string): string => `${navigation}(${options.slice(1)})`;
const MAILBOX_WITH_RELATED = `${MAILBOX}&$expand=${[
  expand(Nav.mailboxProfile, PROFILE),
  expand(Nav.mailboxUser, USER),
  expand(Nav.mailboxQueue, QUEUE),
].join(",")}`;
const ORGANIZATION = select(ORGANIZATION_COLUMNS);
const ALERTS_SELECT = `${select(ALERT_COLUMNS)}&$filter=_regardingobjectid_value eq `;

/**
 * The mailbox with its profile and its owner: single-valued navigation properties only. Alerts are never
 * read through an expanded collection (`tracelog_EmailServerProfile`): Dataverse documents that an
 * expanded collection-valued navigation property may be served from a cache that misses recent changes
 * (docs/rules.md, "The data each check reads"), and `context.webAPI` cannot send the header that avoids
 * it. The profile's alerts are a query of their own (`alertsOptions(profileId)`).
 */
export const mailboxWithRelatedOptions = (): string => MAILBOX_WITH_RELATED;
export const mailboxOptions = (): string => MAILBOX;
/** Only whether a mailbox with this id exists (when the host does not name the form's table). */
export const mailboxProbeOptions = (): string => "?$select=mailboxid";
export const profileOptions = (): string => PROFILE;
/** The owner's own row, by its table. */
export const ownerOptions = { systemuser: USER, queue: QUEUE } as const;
export const organizationOptions = (): string => ORGANIZATION;

export function alertsOptions(regardingId: string, top?: number): string {
  return `${ALERTS_SELECT}${regardingId} and ${ALERT_FILTER}&$orderby=modifiedon desc${top ? `&$top=${top}` : ""}`;
}
