/**
 * Dataverse option values the rules read (powerapps-docs entity reference: mailbox, emailserverprofile,
 * systemuser, queue, tracelog). See docs/rules.md for sources.
 */

/** mailbox.incomingemaildeliverymethod */
export const IncomingDelivery = { None: 0, Outlook: 1, ServerSideSync: 2, ForwardMailbox: 3 } as const;
/** mailbox.outgoingemaildeliverymethod */
export const OutgoingDelivery = { None: 0, Outlook: 1, ServerSideSync: 2 } as const;
/** mailbox.actdeliverymethod (appointments, contacts and tasks) */
export const ActDelivery = { Outlook: 0, ServerSideSync: 1, None: 2 } as const;
/** mailbox.incomingemailstatus / outgoingemailstatus / actstatus */
export const TestStatus = { NotRun: 0, Success: 1, Failure: 2 } as const;
/** mailbox / systemuser / queue .emailrouteraccessapproval */
export const Approval = { Empty: 0, Approved: 1, Pending: 2, Rejected: 3 } as const;
/** statecode of mailbox and queue */
export const State = { Active: 0, Inactive: 1 } as const;

/** emailserverprofile.servertype */
export const ServerType = { ExchangeServer: 0, Pop3Smtp: 1, ExchangeServerHybrid: 2, ExchangeOnlineHybrid: 3, ImapSmtp: 4 } as const;
/** emailserverprofile.incoming/outgoingauthenticationprotocol */
export const AuthProtocol = { AutoDetect: 0, Negotiate: 1, Ntlm: 2, Basic: 3, OAuth: 4 } as const;
/** emailserverprofile.incoming/outgoingcredentialretrieval */
export const CredentialRetrieval = {
  UserOrQueue: 0,
  ServerProfile: 1,
  ServerToServer: 2,
  WindowsIntegrated: 3,
  Anonymous: 4,
  GmailOAuth: 5,
  HybridModernAuth: 6,
  EntraOAuth: 7,
} as const;

/** systemuser.accessmode */
export const AccessMode = {
  ReadWrite: 0,
  Administrative: 1,
  Read: 2,
  SupportUser: 3,
  NonInteractive: 4,
  DelegatedAdmin: 5,
} as const;
/** systemuser.azurestate */
export const AzureState = { Exists: 0, SoftDeleted: 1, NotFound: 2 } as const;

/** tracelog.level */
export const AlertLevel = { Information: 1, Warning: 2, Error: 3 } as const;
