/**
 * The test fixture mailboxes: one org dump per setup the rule tests use (healthy user and queue, each
 * cause, each profile kind, the other conditions). The generated test in
 * test/rules/neverOkOnUnread.test.ts mutates every column of every row of each of them.
 */
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import {
  ALERT_401_CS,
  ALERT_401_EN,
  IDS,
  alertRow,
  exoProfileRow,
  healthyDump,
  hybridProfileRow,
  mailboxRow,
  organizationRow,
  queueRow,
  userRow,
} from "./rows";

export interface Fixture {
  name: string;
  dump: OrgDump;
  /** null: the host has no org URL (the org is told online or not only by RetrieveCurrentOrganization). */
  clientUrl?: string | null;
}

const onPremMailbox = mailboxRow({ ewsurl: "https://mail.contoso.com/EWS/Exchange.asmx" });
const exchangeServer = (over = {}) => hybridProfileRow({ servertype: 0, emailservertypename: "Exchange Server", ...over });
const queueMailbox = (over = {}) =>
  mailboxRow({
    name: "Support",
    emailaddress: "support@contoso.com",
    _regardingobjectid_value: IDS.queue,
    "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue",
    ...over,
  });
const legacyExo = (over = {}) =>
  exoProfileRow({
    name: "Legacy Exchange Online (credentials)",
    incomingcredentialretrieval: 1,
    outgoingcredentialretrieval: 1,
    incomingauthenticationprotocol: 3,
    outgoingauthenticationprotocol: 3,
    incomingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx",
    outgoingserverlocation: "https://outlook.office365.com/EWS/Exchange.asmx",
    emailservertypename: "Exchange Server",
    ...over,
  });

export const FIXTURES: Fixture[] = [
  { name: "healthy user", dump: healthyDump() },
  { name: "healthy queue", dump: healthyDump({ mailboxes: [queueMailbox()] }) },
  { name: "cause 1: addresses differ", dump: healthyDump({ mailboxes: [mailboxRow({ emailaddress: "alex.wilber@contoso.com" })] }) },
  { name: "cause 1: matching addresses and a 401", dump: healthyDump({ tracelogs: [alertRow(ALERT_401_EN)] }) },
  { name: "a Czech 401", dump: healthyDump({ tracelogs: [alertRow(ALERT_401_CS)] }) },
  {
    name: "a 401 before the last successful Test & Enable",
    dump: healthyDump({ tracelogs: [alertRow(ALERT_401_EN, { createdon: "2026-11-01T07:00:00Z", modifiedon: "2026-11-02T07:00:00Z" })] }),
  },
  { name: "cause 2: hybrid profile, mailbox in Exchange Online", dump: healthyDump({ emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_401_EN)] }) },
  { name: "cause 2: hybrid profile, on-premises mailbox, 401", dump: healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [hybridProfileRow()], tracelogs: [alertRow(ALERT_401_EN)] }) },
  { name: "hybrid profile, on-premises mailbox, no 401", dump: healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [hybridProfileRow({ incomingauthenticationprotocol: 2, outgoingauthenticationprotocol: 2 })] }) },
  { name: "cause 3: licence alert", dump: healthyDump({ tracelogs: [alertRow("Email Server Error Code: MailboxNotEnabledForRESTAPI (8005E274)")] }) },
  { name: "cause 3: nothing known", dump: healthyDump({ mailboxes: [mailboxRow({ incomingemailstatus: 0 })] }) },
  {
    name: "cause 4: another tenant, server-to-server",
    dump: healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false })] }),
  },
  {
    name: "cause 4: another tenant, OAuth",
    dump: healthyDump({
      emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.otherTenant, usedefaulttenantid: false, incomingcredentialretrieval: 7, outgoingcredentialretrieval: 7 })],
    }),
  },
  { name: "cause 4: same tenant", dump: healthyDump({ emailserverprofiles: [exoProfileRow({ exchangeonlinetenantid: IDS.tenant, usedefaulttenantid: false })] }) },
  { name: "cause 5: Basic and a 401", dump: healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [exchangeServer()], tracelogs: [alertRow(ALERT_401_EN)] }) },
  { name: "cause 5: Basic, no 401", dump: healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [exchangeServer()] }) },
  { name: "cause 5: NTLM, no 401", dump: healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [exchangeServer({ incomingauthenticationprotocol: 2, outgoingauthenticationprotocol: 2 })] }) },
  {
    name: "cause 5: Hybrid Modern Auth",
    dump: healthyDump({
      mailboxes: [onPremMailbox],
      emailserverprofiles: [exchangeServer({ incomingcredentialretrieval: 6, outgoingcredentialretrieval: 6, incomingauthenticationprotocol: 4, outgoingauthenticationprotocol: 4 })],
    }),
  },
  { name: "cause 5: plain http", dump: healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [exchangeServer({ incomingserverlocation: "http://mail.contoso.com/EWS/Exchange.asmx" })] }) },
  { name: "on-premises org", dump: healthyDump({ emailserverprofiles: [exchangeServer()], RetrieveCurrentOrganization: null }), clientUrl: null },
  { name: "cause 6: re-created user alert", dump: healthyDump({ tracelogs: [alertRow("Email Server Error Code: NoUserFoundWithGivenClaims")] }) },
  { name: "cause 6: soft-deleted user", dump: healthyDump({ systemusers: [userRow({ azurestate: 1 })] }) },
  { name: "retired Basic auth", dump: healthyDump({ emailserverprofiles: [legacyExo()] }) },
  { name: "no profile", dump: healthyDump({ mailboxes: [mailboxRow({ _emailserverprofile_value: null })] }) },
  { name: "IMAP profile", dump: healthyDump({ emailserverprofiles: [exoProfileRow({ servertype: 4, emailservertypename: "IMAP/SMTP" })] }) },
  { name: "approval pending", dump: healthyDump({ mailboxes: [mailboxRow({ emailrouteraccessapproval: 2 })] }) },
  { name: "approval not required", dump: healthyDump({ organizations: [organizationRow({ requireapprovalforuseremail: false })] }) },
  { name: "not approved by a Microsoft 365 admin", dump: healthyDump({ mailboxes: [mailboxRow({ isemailaddressapprovedbyo365admin: false })] }) },
  { name: "owner disabled", dump: healthyDump({ systemusers: [userRow({ isdisabled: true })] }) },
  { name: "queue inactive", dump: healthyDump({ mailboxes: [queueMailbox()], queues: [queueRow({ statecode: 1 })] }) },
  { name: "owner access mode Read", dump: healthyDump({ systemusers: [userRow({ accessmode: 2 })] }) },
  { name: "mailbox inactive", dump: healthyDump({ mailboxes: [mailboxRow({ statecode: 1, statuscode: 2 })] }) },
  { name: "test failed", dump: healthyDump({ mailboxes: [mailboxRow({ incomingemailstatus: 2, actstatus: 2 })] }) },
  { name: "test not run", dump: healthyDump({ mailboxes: [mailboxRow({ outgoingemailstatus: 0 })] }) },
  { name: "direction disabled", dump: healthyDump({ mailboxes: [mailboxRow({ enabledforincomingemail: false })] }) },
  { name: "no server-side sync", dump: healthyDump({ mailboxes: [mailboxRow({ incomingemaildeliverymethod: 0, outgoingemaildeliverymethod: 0, actdeliverymethod: 2 })] }) },
  // A 401 alert (written 2026-11-20T07:30:00Z) before or after the latest change to each table.
  { name: "401 after a change to the mailbox", dump: healthyDump({ mailboxes: [mailboxRow({ modifiedon: "2026-11-20T07:00:00Z" })], tracelogs: [alertRow(ALERT_401_EN)] }) },
  { name: "401 before a change to the mailbox", dump: healthyDump({ mailboxes: [mailboxRow({ modifiedon: "2026-11-20T08:15:00Z" })], tracelogs: [alertRow(ALERT_401_EN)] }) },
  {
    name: "cause 5: Basic, 401 before a change to the profile",
    dump: healthyDump({ mailboxes: [onPremMailbox], emailserverprofiles: [exchangeServer({ modifiedon: "2026-11-20T08:15:00Z" })], tracelogs: [alertRow(ALERT_401_EN)] }),
  },
  {
    name: "hybrid, 401 before a change to the user",
    dump: healthyDump({
      mailboxes: [onPremMailbox],
      emailserverprofiles: [hybridProfileRow({ incomingcredentialretrieval: 6, outgoingcredentialretrieval: 6 })],
      systemusers: [userRow({ modifiedon: "2026-11-20T09:15:00+01:00" })],
      tracelogs: [alertRow(ALERT_401_EN)],
    }),
  },
  { name: "queue, 401 before a change to the queue", dump: healthyDump({ mailboxes: [queueMailbox()], queues: [queueRow({ modifiedon: "2026-11-20T08:15:00Z" })], tracelogs: [alertRow(ALERT_401_EN)] }) },
  {
    name: "postponed",
    dump: healthyDump({ mailboxes: [mailboxRow({ postponemailboxprocessinguntil: "2026-11-20T15:00:00Z", receivingpostponeduntil: "2026-11-20T12:00:00Z" })] }),
  },
];
