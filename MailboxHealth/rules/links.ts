import type { LinkRef } from "../model/finding";

/**
 * The pages that fix each cause (Microsoft Learn, en-us; the presenter swaps in the user's locale)
 * and deep links into the admin centers and the org's own records. Sources: docs/rules.md.
 */
const TROUBLESHOOT = "https://learn.microsoft.com/en-us/troubleshoot/power-platform/dataverse/email-exchange-synchronization";
const ADMIN = "https://learn.microsoft.com/en-us/power-platform/admin";

/** Microsoft's article on the 401 and its causes: every finding about a cause links to it. */
export const Learn = {
  article401: `${TROUBLESHOOT}/exception-when-using-server-side-sync`,
} as const;

/** The pages that fix a cause, by the name of their link's label (`Link_Learn_<name>` in the resx files). */
export const LEARN_PAGES = {
  UnrecognizedAddress: `${TROUBLESHOOT}/test-enable-fails-for-unrecognized-email-address`,
  ExchangeOnlineProfile: `${ADMIN}/connect-exchange-online#create-an-email-server-profile-for-exchange-online`,
  ExchangeOnPremises: `${ADMIN}/connect-exchange-server-on-premises`,
  ExchangeOnPremisesPrerequisites: `${ADMIN}/connect-exchange-server-on-premises#prerequisites`,
  HybridModernAuth: `${ADMIN}/connect-exchange-server-onprem-hma`,
  InvalidLicense: `${TROUBLESHOOT}/email-cannot-be-received-because-license-is-invalid-error`,
  Error8005E274: `${TROUBLESHOOT}/error-code-8005e274`,
  Error8005E276: `${TROUBLESHOOT}/error-code-8005e276`,
  CrossTenant: `${ADMIN}/connect-exchange-online-server-profile-oauth`,
  RestoreUser: "https://learn.microsoft.com/en-us/azure/active-directory/fundamentals/active-directory-users-restore",
  BasicAuthExchangeOnline: `${ADMIN}/use-basic-authentication-exchange-online`,
  ApproveEmail: `${ADMIN}/connect-exchange-online#approve-email`,
  TestAndEnable: `${ADMIN}/connect-exchange-online#test-the-configuration-of-mailboxes`,
  OwnerPrivileges: `${TROUBLESHOOT}/error-when-you-test-enable-a-mailbox`,
  Monitoring: `${ADMIN}/troubleshooting-monitoring-server-side-synchronization`,
} as const;

export type LearnPage = keyof typeof LEARN_PAGES;

/**
 * Admin center pages, each exactly as Microsoft's documentation gives it (docs/rules.md, "Admin center
 * links", cites the page for each). No documented URL opens one user's licences, so the licence
 * finding opens Active users, where the fix text says to open the user's Licenses and apps.
 */
export const AdminCenter = {
  /** "Responding to a compromised email account": "to go directly to the Mailboxes page, use …". */
  exchangeMailboxes: "https://admin.exchange.microsoft.com/#/mailboxes",
  /** The same article: "To go directly to the Active users page, use …". */
  m365Users: "https://admin.microsoft.com/Adminportal/Home#/users",
  /** "Restore a user": the link on "go to the Users > Deleted users page". */
  m365DeletedUsers: "https://go.microsoft.com/fwlink/p/?linkid=2071581",
} as const;

export type RecordTable = "mailbox" | "emailserverprofile" | "systemuser" | "queue";

/** `<org>/main.aspx?pagetype=entityrecord&etn=…&id=…`; null where the host has no org URL (org dump). */
export function recordUrl(clientUrl: string | null, table: RecordTable, id: string): string | null {
  if (!clientUrl || !id) return null;
  const base = clientUrl.replace(/\/+$/, "");
  return `${base}/main.aspx?pagetype=entityrecord&etn=${table}&id=${encodeURIComponent(id)}`;
}

export function link(labelKey: string, url: string | null): LinkRef[] {
  return url ? [{ label: { key: labelKey }, url }] : [];
}

/** The link to a Learn page, labelled `Link_Learn_<page>`: the label's key is the page's name. */
export const learnLink = (page: LearnPage): LinkRef[] => link(`Link_Learn_${page}`, LEARN_PAGES[page]);
