/**
 * Realistic Web API rows (as `GET …?$select=…` returns them) for tests, and a helper that runs the real
 * pipeline (org-dump client → request plan → snapshot → rules) on them.
 */
import type { Finding, RuleId } from "../../MailboxHealth/model/finding";
import type { Row, WebApiClient } from "../../MailboxHealth/data/webApiClient";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import { diagnoseMailbox } from "../../MailboxHealth/diagnosis/diagnose";
import type { DiagnosisResult } from "../../MailboxHealth/diagnosis/diagnose";

export const IDS = {
  mailbox: "5f8d7e2a-1c3b-4e6f-9a0b-2c4d6e8f0a1b",
  user: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
  queue: "c0ffee00-1234-4abc-9def-0123456789ab",
  profile: "e1e2e3e4-f5f6-4718-9a9b-1c2d3e4f5a6b",
  organization: "0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d",
  tenant: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  otherTenant: "11111111-2222-4333-8444-555555555555",
  entraUser: "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
  environment: "d2a1f1c4-4f4b-4bd1-9a7c-6c1f0f8e3b2a",
};

export const NOW = new Date("2026-11-20T09:00:00Z");
export const CLIENT_URL = "https://contoso.crm4.dynamics.com";

export const ALERT_401_EN =
  'Email cannot be received for the mailbox Alex Wilber. The email server returned an error. Email Server Error Code: Http server returned 401 Unauthorized exception.';
export const ALERT_401_CS =
  'Pro poštovní schránku Alex Wilber nelze přijímat e-maily. E-mailový server vrátil chybu. Email Server Error Code: Http server returned 401 Unauthorized exception.';

export function userRow(over: Row = {}): Row {
  return {
    "@odata.etag": 'W/"4412345"',
    systemuserid: IDS.user,
    fullname: "Alex Wilber",
    internalemailaddress: "AlexW@contoso.com",
    isdisabled: false,
    accessmode: 0,
    "accessmode@OData.Community.Display.V1.FormattedValue": "Read-Write",
    azurestate: 0,
    azureactivedirectoryobjectid: IDS.entraUser,
    applicationid: null,
    isintegrationuser: false,
    ...over,
  };
}

export function queueRow(over: Row = {}): Row {
  return { queueid: IDS.queue, name: "Support", emailaddress: "support@contoso.com", statecode: 0, ...over };
}

/** The default Exchange Online profile of an online org (server-to-server, same tenant). */
export function exoProfileRow(over: Row = {}): Row {
  return {
    emailserverprofileid: IDS.profile,
    name: "Microsoft Exchange Online",
    servertype: 0,
    emailservertypename: "Exchange Online",
    incomingcredentialretrieval: 2,
    outgoingcredentialretrieval: 2,
    // Dataverse's default: outgoing uses the incoming credential settings.
    usesamesettingsforoutgoingconnections: true,
    incomingauthenticationprotocol: 4,
    outgoingauthenticationprotocol: 4,
    useautodiscover: true,
    incomingserverlocation: null,
    outgoingserverlocation: null,
    defaultserverlocation: null,
    exchangeonlinetenantid: null,
    usedefaulttenantid: true,
    statecode: 0,
    ...over,
  };
}

/** Dynamics 365 online → Exchange Server on-premises with impersonation (Basic). */
export function hybridProfileRow(over: Row = {}): Row {
  return exoProfileRow({
    name: "Exchange Server (Hybrid) - Contoso",
    servertype: 2,
    emailservertypename: "Exchange Server (Hybrid)",
    incomingcredentialretrieval: 1,
    outgoingcredentialretrieval: 1,
    incomingauthenticationprotocol: 3,
    outgoingauthenticationprotocol: 3,
    useautodiscover: false,
    incomingserverlocation: "https://mail.contoso.com/EWS/Exchange.asmx",
    outgoingserverlocation: "https://mail.contoso.com/EWS/Exchange.asmx",
    usedefaulttenantid: null,
    ...over,
  });
}

export function mailboxRow(over: Row = {}): Row {
  return {
    "@odata.etag": 'W/"9876543"',
    mailboxid: IDS.mailbox,
    name: "Alex Wilber",
    emailaddress: "alexw@contoso.com",
    statecode: 0,
    incomingemaildeliverymethod: 2,
    outgoingemaildeliverymethod: 2,
    actdeliverymethod: 1,
    incomingemailstatus: 1,
    outgoingemailstatus: 1,
    actstatus: 1,
    enabledforincomingemail: true,
    enabledforoutgoingemail: true,
    enabledforact: true,
    emailrouteraccessapproval: 1,
    isemailaddressapprovedbyo365admin: true,
    testemailconfigurationscheduled: false,
    testmailboxaccesscompletedon: "2026-11-18T08:00:00Z",
    postponemailboxprocessinguntil: "2026-11-20T09:04:00Z",
    receivingpostponeduntil: null,
    lastsuccessfulsynccompletedon: "2026-11-20T08:55:00Z",
    ewsurl: "https://outlook.office365.com/EWS/Exchange.asmx",
    _regardingobjectid_value: IDS.user,
    "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser",
    _emailserverprofile_value: IDS.profile,
    "_emailserverprofile_value@Microsoft.Dynamics.CRM.lookuplogicalname": "emailserverprofile",
    ...over,
  };
}

let alertCounter = 0;
export function alertRow(text: string, over: Row = {}): Row {
  alertCounter++;
  return {
    tracelogid: `00000000-0000-4000-8000-${String(alertCounter).padStart(12, "0")}`,
    text,
    errordetails: null,
    level: 3,
    createdon: "2026-11-19T07:00:00Z",
    modifiedon: "2026-11-20T07:30:00Z",
    _regardingobjectid_value: IDS.mailbox,
    ...over,
  };
}

export function organizationRow(over: Row = {}): Row {
  return {
    organizationid: IDS.organization,
    requireapprovalforuseremail: true,
    requireapprovalforqueueemail: true,
    ...over,
  };
}

/** A healthy online org: a user mailbox on the default Exchange Online profile. */
export interface DumpOverrides {
  organizations?: Row[];
  mailboxes?: Row[];
  emailserverprofiles?: Row[];
  systemusers?: Row[];
  queues?: Row[];
  tracelogs?: Row[];
  /** null: no tenant (on-premises org). */
  RetrieveCurrentOrganization?: OrgDump["RetrieveCurrentOrganization"] | null;
}

export function healthyDump(over: DumpOverrides = {}): OrgDump {
  const { RetrieveCurrentOrganization, ...tables } = over;
  const dump: OrgDump = {
    organizations: [organizationRow()],
    mailboxes: [mailboxRow()],
    emailserverprofiles: [exoProfileRow()],
    systemusers: [userRow()],
    queues: [queueRow()],
    tracelogs: [],
    ...tables,
  };
  if (RetrieveCurrentOrganization !== null) {
    dump.RetrieveCurrentOrganization = RetrieveCurrentOrganization ?? {
      Detail: { TenantId: IDS.tenant, EnvironmentId: IDS.environment, UniqueName: "unq0a0b0c0d", UrlName: "contoso" },
    };
  }
  return dump;
}

/** How model-driven apps reject a read without privilege (Xrm.WebApi error shape). */
export const PRIVILEGE_ERROR = {
  errorCode: 2147746336,
  code: "0x80040220",
  message: "Principal user (Id=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d, type=8) is missing prvReadTraceLog privilege",
};

/** The org-dump client, with reads of some tables failing, e.g. for a missing privilege. */
export class FailingClient implements WebApiClient {
  readonly inner: OrgDumpClient;
  constructor(
    dump: OrgDump,
    private readonly failures: Partial<Record<string, unknown>>,
  ) {
    this.inner = new OrgDumpClient(dump);
  }
  private fail(table: string, options: string): unknown {
    if (table in this.failures) return this.failures[table];
    // An expand of a table the user cannot read fails the whole request, as Dataverse does.
    const navigation: Record<string, string> = { systemuser: "regardingobjectid(", queue: "regardingobjectid_queue(", emailserverprofile: "emailserverprofile(" };
    for (const t of Object.keys(this.failures)) if (navigation[t] && options.includes(navigation[t])) return this.failures[t];
    return undefined;
  }
  retrieveRecord(table: string, id: string, options: string): Promise<Row> {
    const failure = this.fail(table, options);
    return failure ? Promise.reject(failure) : this.inner.retrieveRecord(table, id, options);
  }
  retrieveMultipleRecords(table: string, options: string): Promise<Row[]> {
    const failure = this.fail(table, options);
    return failure ? Promise.reject(failure) : this.inner.retrieveMultipleRecords(table, options);
  }
  retrieveCurrentOrganization(): Promise<Row | null> {
    const failure = this.failures.RetrieveCurrentOrganization;
    return failure ? Promise.reject(failure) : this.inner.retrieveCurrentOrganization();
  }
}

export async function diagnose(
  dump: OrgDump,
  options: { now?: Date; clientUrl?: string | null; mailboxId?: string; failures?: Partial<Record<string, unknown>> } = {},
): Promise<DiagnosisResult> {
  const client = options.failures ? new FailingClient(dump, options.failures) : new OrgDumpClient(dump);
  return diagnoseMailbox(client, options.mailboxId ?? IDS.mailbox, {
    now: () => options.now ?? NOW,
    clientUrl: options.clientUrl === undefined ? CLIENT_URL : options.clientUrl,
  });
}

export async function findingsOf(dump: OrgDump, options: Parameters<typeof diagnose>[1] = {}): Promise<Record<RuleId, Finding>> {
  const result = await diagnose(dump, options);
  return Object.fromEntries(result.findings.map((f) => [f.rule, f])) as Record<RuleId, Finding>;
}

export async function findingOf(rule: RuleId, dump: OrgDump, options: Parameters<typeof diagnose>[1] = {}): Promise<Finding> {
  return (await findingsOf(dump, options))[rule];
}
