import type { OptionSet } from "./finding";

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

/**
 * The highest documented value of each option set the findings name (OptionSet). Every set above runs
 * from 0 without a gap, so this is all the bundle keeps of them: the sets themselves are inlined where
 * they are used (test/rules/undocumentedOptions.test.ts checks this table against them).
 */
export const OPTION_MAX: Record<OptionSet, number> = {
  servertype: 4,
  credentialretrieval: 7,
  authenticationprotocol: 4,
  approval: 3,
  teststatus: 2,
  accessmode: 5,
  azurestate: 2,
  statecode: 1,
  incomingdelivery: 3,
  outgoingdelivery: 2,
  actdelivery: 2,
};

/** Whether a value is one of the option set's documented values. */
export const documented = (option: OptionSet, value: number): boolean => value >= 0 && value <= OPTION_MAX[option];
