/**
 * The data one diagnosis reads, normalized from Web API rows. Plain data, no I/O.
 *
 * Convention for every value: `undefined` = unknown (the column was absent or had an unexpected type),
 * `null` = the column is empty in Dataverse. A rule never reads `undefined` as false, 0 or empty.
 */

export type Value<T> = T | null | undefined;

export type DataErrorKind =
  | "privilege" // 403, or a Dataverse privilege error
  | "not-found" // 404: the row was deleted or never saved
  | "throttled" // 429: service protection limits
  | "offline" // no network
  | "server" // 5xx
  | "unsupported" // the host cannot make this request
  | "failed"; // anything else

export interface DataError {
  kind: DataErrorKind;
  /** Server text (shown as text only). */
  message: string;
  status?: number;
  /** From Retry-After on 429, in seconds. */
  retryAfterSeconds?: number;
}

/** A piece of data that was read, or the reason it could not be. */
export type Part<T> = { ok: true; value: T } | { ok: false; error: DataError };

export const okPart = <T>(value: T): Part<T> => ({ ok: true, value });
export const failedPart = <T>(error: DataError): Part<T> => ({ ok: false, error });

export type OwnerTable = "systemuser" | "queue";

export interface MailboxFacts {
  id: string;
  name: Value<string>;
  emailAddress: Value<string>;
  stateCode: Value<number>;
  incomingMethod: Value<number>;
  outgoingMethod: Value<number>;
  actMethod: Value<number>;
  incomingStatus: Value<number>;
  outgoingStatus: Value<number>;
  actStatus: Value<number>;
  enabledForIncoming: Value<boolean>;
  enabledForOutgoing: Value<boolean>;
  enabledForAct: Value<boolean>;
  approval: Value<number>;
  approvedByO365Admin: Value<boolean>;
  testScheduled: Value<boolean>;
  testCompletedOn: Value<Date>;
  postponeProcessingUntil: Value<Date>;
  receivingPostponedUntil: Value<Date>;
  lastSuccessfulSync: Value<Date>;
  ewsUrl: Value<string>;
  ownerId: Value<string>;
  /** From the lookup annotation, when present. */
  ownerTable: OwnerTable | undefined;
  profileId: Value<string>;
  /** When the row last changed: a 401 alert older than the latest change is not proof (rules/facts.ts). */
  modifiedOn: Value<Date>;
}

export interface ProfileFacts {
  id: string;
  name: Value<string>;
  serverType: Value<number>;
  serverTypeName: Value<string>;
  incomingCredential: Value<number>;
  outgoingCredential: Value<number>;
  /** "Use Same Settings for Outgoing Connection": outgoing uses the incoming credential settings (rules/facts.ts, `outgoingCredential`). */
  sameSettingsForOutgoing: Value<boolean>;
  incomingAuth: Value<number>;
  outgoingAuth: Value<number>;
  useAutodiscover: Value<boolean>;
  incomingLocation: Value<string>;
  outgoingLocation: Value<string>;
  defaultLocation: Value<string>;
  tenantId: Value<string>;
  useDefaultTenantId: Value<boolean>;
  stateCode: Value<number>;
  modifiedOn: Value<Date>;
}

export interface UserFacts {
  table: "systemuser";
  id: string;
  name: Value<string>;
  email: Value<string>;
  isDisabled: Value<boolean>;
  accessMode: Value<number>;
  azureState: Value<number>;
  entraObjectId: Value<string>;
  applicationId: Value<string>;
  isIntegrationUser: Value<boolean>;
  modifiedOn: Value<Date>;
}

export interface QueueFacts {
  table: "queue";
  id: string;
  name: Value<string>;
  email: Value<string>;
  stateCode: Value<number>;
  modifiedOn: Value<Date>;
}

export type OwnerFacts = UserFacts | QueueFacts;

export interface AlertFacts {
  id: string;
  about: "mailbox" | "profile";
  text: Value<string>;
  details: Value<string>;
  level: Value<number>;
  createdOn: Value<Date>;
  modifiedOn: Value<Date>;
}

export interface OrgFacts {
  requireApprovalForUser: Value<boolean>;
  requireApprovalForQueue: Value<boolean>;
}

export interface TenantFacts {
  tenantId: Value<string>;
  environmentId: Value<string>;
}

export interface MailboxSnapshot {
  /** When the data was read; time-based rules compare against it. */
  now: Date;
  /** The org's URL (`context.page.getClientUrl()`), when the host has one. */
  clientUrl: string | null;
  mailbox: MailboxFacts;
  /** `value: null` when the mailbox has no email server profile. */
  profile: Part<ProfileFacts | null>;
  /** `value: null` when the mailbox has no owner. */
  owner: Part<OwnerFacts | null>;
  /** Alerts on the mailbox and on its profile, newest first. */
  alerts: Part<AlertFacts[]>;
  organization: Part<OrgFacts | null>;
  /** `value: null` when the org answers that it has no tenant (on-premises). */
  tenant: Part<TenantFacts | null>;
}
