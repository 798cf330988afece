/* eslint-disable @typescript-eslint/prefer-nullish-coalescing, @typescript-eslint/prefer-optional-chain -- `??` and `?.` are rewritten into longer code for Safari 13; where `||` or `&&` stand in, they read the same. */
import type { AlertFacts, MailboxFacts, MailboxSnapshot, OwnerTable, ProfileFacts, Value } from "../model/snapshot";
import { ActDelivery, CredentialRetrieval, IncomingDelivery, OutgoingDelivery, ServerType, TestStatus } from "../model/options";
import type { Evidence } from "../model/finding";
import { ev, isUnknown, normalizeAddress } from "./finding";

/** Facts every rule may use, derived once per snapshot (rules.md, "Derived facts"). */

export type ProfileKind =
  | "exchange-online"
  | "exchange-server"
  | "exchange-server-hybrid"
  | "exchange-online-hybrid"
  | "pop-imap";

export type Direction = "incoming" | "outgoing" | "act";

export interface DerivedFacts {
  /** Dynamics 365 online; undefined when it cannot be told. */
  online: boolean | undefined;
  /** null: no profile; undefined: the profile could not be read or classified. */
  profileKind: ProfileKind | null | undefined;
  profile: ProfileFacts | null | undefined;
  ownerTable: OwnerTable | undefined;
  /** Directions delivered by server-side sync; undefined when a delivery method is unknown. */
  sssDirections: Direction[] | undefined;
  /** The last Test & Enable succeeded in every SSS direction. */
  lastTestSucceeded: boolean;
  /**
   * Alerts that are evidence for this mailbox now: not older than the last successful Test & Enable,
   * and, for profile alerts, not about another mailbox. undefined if unreadable.
   */
  alerts: AlertFacts[] | undefined;
  /** Of those, the ones that carry a 401. */
  alerts401: AlertFacts[] | undefined;
  /** Of those, the ones not older than the latest change: a 401 Exchange answers now. Empty if unreadable. */
  fresh401: AlertFacts[];
  /** The newest 401 alert when every one is from before the latest change: not proof of a 401 now. */
  stale401: AlertFacts | undefined;
  /** The latest change to the mailbox, its profile or its owner, among the `modifiedon` values read. */
  change: Change | undefined;
  /** Profile alerts that name only other mailboxes' addresses: about those mailboxes, not this one. */
  aboutOtherMailboxes: AlertFacts[];
  /** What says the mailbox lives in Exchange Online, whatever the profile says. */
  exchangeOnline: ExchangeOnlineEvidence;
  /**
   * The mailbox lives in Exchange Online: the profile kind is Exchange Online or Exchange Online (Hybrid),
   * or the mailbox's EWS URL, a profile location or an alert names an Exchange Online host.
   */
  inExchangeOnline: boolean;
  /** The columns each derived fact rests on (see `restOn` in finding.ts). */
  basis: FactBasis;
}

export interface Change {
  table: "mailbox" | "emailserverprofile" | "systemuser" | "queue";
  on: Date;
}

/**
 * The latest change to the mailbox, its profile or its owner: the latest `modifiedon` read. One that was
 * not read cannot make an alert newer: it only leaves fewer alerts known to be from before a change.
 */
export function latestChange(s: MailboxSnapshot): Change | undefined {
  let change: Change | undefined;
  const add = (table: Change["table"], row: { modifiedOn: Value<Date> } | null | false) => {
    const on = row && row.modifiedOn;
    if (on instanceof Date && !(change && change.on >= on)) change = { table, on };
  };
  if (changedBySomeone(s)) add("mailbox", s.mailbox);
  add("emailserverprofile", s.profile.ok && s.profile.value);
  const owner = s.owner.ok && s.owner.value;
  if (owner) add(owner.table, owner);
  return change;
}

/** How far ahead of the reading machine's clock a time the server wrote may be and still be past. */
const CLOCK_SKEW_MS = 60 * 60_000;

/** How close to a write of server-side sync a mailbox's `modifiedon` may be and still be that write. */
const SYNC_WRITE_MS = 2 * 60_000;

/**
 * Server-side sync writes the mailbox row itself as it works (statuses, back-offs, sync and test times),
 * so its `modifiedon` moves with every attempt. It is taken as somebody's change only when it is more than
 * two minutes away from every write of the service that the row shows: the last successful sync, the last
 * test and the latest alert. Where one of those was not read, it cannot be told, and the mailbox's own
 * change is not used (the profile's and the owner's still are).
 */
function changedBySomeone(s: MailboxSnapshot): boolean {
  const m = s.mailbox;
  const on = m.modifiedOn;
  if (!(on instanceof Date) || !s.alerts.ok) return false;
  const farFrom = (when: number | undefined): boolean => when !== undefined && Math.abs(on.getTime() - when) > SYNC_WRITE_MS;
  return (
    [m.lastSuccessfulSync, m.testCompletedOn].every((w) => w === null || farFrom(w && w.getTime())) &&
    s.alerts.value.every((a) => farFrom(alertTime(a)))
  );
}

/** The alert was written before the change: it says what Exchange answered then, not now. */
export function isBeforeChange(alert: AlertFacts, change: Change | undefined): boolean {
  const when = alertTime(alert);
  return !!change && when !== undefined && when < change.on.getTime();
}

export interface FactBasis {
  /** What the profile kind was told from. */
  profileKind: Evidence[];
  /** The three delivery methods. */
  sss: Evidence[];
  /** The text and details of every alert that is evidence, and what tells a profile alert's mailbox. */
  alerts: Evidence[];
  /** What could place the mailbox in Exchange Online: its EWS URL, the profile's locations, the alerts. */
  exchangeOnline: Evidence[];
}

export interface ExchangeOnlineEvidence {
  /** `mailbox.ewsurl` is an Exchange Online host. */
  ewsUrl: boolean;
  /** A profile server location that is an Exchange Online host. */
  location: string | undefined;
  /** An alert that names an Exchange Online host. */
  alert: AlertFacts | undefined;
}

/**
 * An Exchange Online host in server text. Linear: no quantifier is followed by one that can match the
 * same characters (one host character before `.outlook.com` is enough to tell a subdomain).
 */
const EXCHANGE_ONLINE_IN_TEXT =
  /outlook\.office365\.com|outlook\.office\.com|smtp\.office365\.com|outlook\.office365\.us|outlook-dod\.office365\.us|webmail\.apps\.mil|partner\.outlook\.cn|[a-z0-9-]\.outlook\.com/i;

export const hasExchangeOnlineEvidence = (e: ExchangeOnlineEvidence): boolean => e.ewsUrl || !!e.location || !!e.alert;

/**
 * Exchange Online hosts: outlook.office365.com, outlook.office365.us, smtp.office365.com, webmail.apps.mil,
 * outlook-dod.office365.us, and outlook.com, outlook.office.com and partner.outlook.cn with their subdomains
 * (the same pages: `*.outlook.office.com`, `*.partner.outlook.cn`).
 */
const EXCHANGE_ONLINE_HOST =
  /^(?:outlook\.office365\.(?:com|us)|smtp\.office365\.com|webmail\.apps\.mil|outlook-dod\.office365\.us)$|(?:^|\.)(?:outlook\.com|outlook\.office\.com|partner\.outlook\.cn)$/;

/**
 * The host of a URL or of a bare `host[:port][/path]`, lower case, without the trailing dot of a fully
 * qualified name (`outlook.office365.com.` is `outlook.office365.com`); undefined when there is none.
 */
export function hostOf(location: Value<string>): string | undefined {
  if (!location) return undefined;
  // The same few locations recur for every mailbox of an org: each parsed once (bounded, so never a leak).
  if (hosts.has(location)) return hosts.get(location);
  const host = parseHost(location);
  if (hosts.size >= HOST_CACHE_SIZE) hosts.clear();
  hosts.set(location, host);
  return host;
}

const HOST_CACHE_SIZE = 1024;
const hosts = new Map<string, string | undefined>();

function parseHost(location: string): string | undefined {
  const text = location.trim();
  // Nothing but a scheme (`https://` for an empty text) is no URL: it throws.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    return new URL(withScheme).hostname.toLowerCase().replace(/\.$/, "") || undefined;
  } catch {
    return undefined;
  }
}

export function isExchangeOnlineHost(host: string | undefined): boolean {
  return !!host && EXCHANGE_ONLINE_HOST.test(host);
}

/** Dynamics 365 online hosts, sovereign clouds included. */
const DYNAMICS_ONLINE_HOST = /(^|\.)(dynamics\.com|microsoftdynamics\.us|appsplatform\.us|dynamics\.cn|microsoftdynamics\.de)$/;

export function profileLocations(profile: ProfileFacts): string[] {
  return [profile.incomingLocation, profile.outgoingLocation, profile.defaultLocation].filter(
    (l): l is string => typeof l === "string" && l.trim() !== "",
  );
}

/** The first of the profile's server locations that is an Exchange Online host. */
const exchangeOnlineLocation = (profile: ProfileFacts): string | undefined =>
  profileLocations(profile).find((l) => isExchangeOnlineHost(hostOf(l)));

/** A direction's credential retrieval and the evidence for it. */
export type Credential = [value: Value<number>, evidence: Evidence[]];

/**
 * The credential retrieval each direction of the profile signs in with, and the evidence for it: every
 * check that reads a credential retrieval reads it here. With "Use Same Settings for Outgoing Connection"
 * Yes, outgoing uses the incoming credential settings (docs/rules.md, "Use same settings for outgoing"):
 * the incoming value, shown as that setting and the incoming column when the stored outgoing value
 * differs from it. With No (or empty), the stored outgoing column. Unknown (not read, a dump made before
 * the setting was read) while the two values differ: the outgoing one is unknown too, shown as the setting
 * and the stored column. Authentication protocols and server locations are not credential settings: each
 * direction keeps its own.
 */
export function credentials(profile: ProfileFacts): [incoming: Credential, outgoing: Credential] {
  const value = profile.incomingCredential;
  const incoming = ev("emailserverprofile.incomingcredentialretrieval", value, "credentialretrieval");
  const stored = profile.outgoingCredential;
  const same = profile.sameSettingsForOutgoing;
  const own = ev("emailserverprofile.outgoingcredentialretrieval", stored, "credentialretrieval");
  return [
    [value, [incoming]],
    stored === value || (same !== true && same !== undefined)
      ? [stored, [own]]
      : same
        ? [value, [ev("emailserverprofile.usesamesettingsforoutgoingconnections", true), incoming]]
        : [undefined, [ev("emailserverprofile.usesamesettingsforoutgoingconnections", undefined), own]],
  ];
}

export interface ProfileClass {
  kind: ProfileKind | undefined;
  /** The columns the kind rests on: `servertype` always; the others when the kind was told by their absence. */
  basis: Evidence[];
}

export function classifyProfileWithBasis(profile: ProfileFacts): ProfileClass {
  const serverType = ev("emailserverprofile.servertype", profile.serverType, "servertype");
  switch (profile.serverType) {
    case ServerType.ExchangeServerHybrid:
      return { kind: "exchange-server-hybrid", basis: [serverType] };
    case ServerType.ExchangeOnlineHybrid:
      return { kind: "exchange-online-hybrid", basis: [serverType] };
    case ServerType.Pop3Smtp:
    case ServerType.ImapSmtp:
      return { kind: "pop-imap", basis: [serverType] };
  }
  const name = profile.serverTypeName || "";
  const [incoming, outgoing] = credentials(profile);
  if (
    (/exchange online/i.test(name) && !/hybrid/i.test(name)) ||
    exchangeOnlineLocation(profile) ||
    [incoming[0], outgoing[0]].some((v) => v === CredentialRetrieval.ServerToServer || v === CredentialRetrieval.EntraOAuth)
  ) {
    return { kind: "exchange-online", basis: [serverType] };
  }
  const knownSomething = [profile.serverType, profile.serverTypeName, incoming[0], outgoing[0]].some((v) => v !== null && v !== undefined);
  // On-premises Exchange Server, told by the absence of anything that says Exchange Online.
  return {
    kind: knownSomething ? "exchange-server" : undefined,
    basis: [
      serverType,
      ev("emailserverprofile.emailservertypename", profile.serverTypeName),
      ...incoming[1],
      ...outgoing[1],
      ...locationBasis(profile),
    ],
  };
}

export function locationBasis(profile: ProfileFacts): Evidence[] {
  return [
    ev("emailserverprofile.incomingserverlocation", profile.incomingLocation),
    ev("emailserverprofile.outgoingserverlocation", profile.outgoingLocation),
    ev("emailserverprofile.defaultserverlocation", profile.defaultLocation),
  ];
}

/** GUIDs in alert texts (tenant, user, correlation ids) are hex: "…-a401b…" is no status code. */
const GUID = /(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * 401 as an HTTP status: `401 Unauthorized`, `(401)`, `HTTP 401`, `HTTP/1.1 401`, `status code 401`,
 * `returned 401`, also at the end of a sentence (`HTTP 401.`), .NET's `401 (Unauthorized)` and IIS's
 * `401.1 - Unauthorized`. Not the digits 401 in an address, a name, a room number, a phone number or an id
 * (`401.contoso.com`, `(401) 555-0100`, `401-unauthorized@…`). Texts are localized, but Dataverse and
 * Exchange keep these tokens in English (a Czech alert still says `401 Unauthorized`). Every quantifier is
 * bounded, so the scan is linear in the text.
 */
const HTTP_401 =
  /\(401\)(?![ \t]{0,3}\d)|(?:^|[^\w.@-])401(?:\.\d{1,2})?[ \t:(-]{0,3}Unauthori[sz]ed(?!\.?[\w@-])|(?:\bHTTP(?:\/\d(?:\.\d)?)?|\bstatus[ \t]{0,3}(?:code[ \t]{0,3})?=?|\breturned(?:[ \t]{1,3}an?)?(?:[ \t]{1,3}error)?)[ \t:]{0,3}401(?!\.?[\w@-])/i;

/** An HTTP 401 in the alert text or details. */
export function is401(alert: AlertFacts): boolean {
  const text = alertText(alert);
  // Every form has the digits 401, every GUID its dashes: most texts need neither the scan nor the blanking.
  return text.includes("401") && HTTP_401.test(text.includes("-") ? text.replace(GUID, " ") : text);
}

/** The text and the details on two lines, null and undefined as nothing (concatenated: a join is slower). */
export const alertText = (alert: AlertFacts): string => (alert.text || "") + "\n" + (alert.details || "");

/**
 * The pattern in the alert's text or details. Patterns here are words, codes and hosts, none matching a
 * line break (nor `^`, `$`): searched in each part, as in the two joined by one, without joining them.
 */
export function alertMentions(alert: AlertFacts, pattern: RegExp): boolean {
  return (!!alert.text && pattern.test(alert.text)) || (!!alert.details && pattern.test(alert.details));
}

/** The first alert that is evidence and mentions the pattern (of the mailbox or the profile only, if `about` says); undefined when the alerts could not be read. */
export function findAlert(f: DerivedFacts, pattern: RegExp, about?: AlertFacts["about"]): AlertFacts | undefined {
  return f.alerts && f.alerts.find((a) => (!about || a.about === about) && alertMentions(a, pattern));
}

/**
 * The email addresses an alert names, lower case. Takes from each `@` at most 64 characters back and 253
 * forward (the longest local part and domain), so the cost is linear in the text. A local part does not
 * start with an apostrophe: there it quotes the address.
 */
export function addressesIn(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    // Back to the last character a local part cannot hold; a quote before the address (`'alexw@contoso.com'`) is not part of it.
    const local = text.slice(Math.max(0, at - 64), at).replace(/^[\s\S]*[^A-Za-z0-9._%+'-]/, "").replace(/^'+/, "");
    const domain = text.slice(at + 1, at + 254).split(/[^A-Za-z0-9.-]/)[0].replace(/\.+$/, "");
    // A local part, and a dot in the domain.
    if (local && domain.includes(".")) found.push(`${local}@${domain}`.toLowerCase());
  }
  return found;
}

/** The directions server-side sync delivers, given the three delivery methods as evidence (`methods`). */
function sssDirectionsOf(m: MailboxFacts, methods: Evidence[]): Direction[] | undefined {
  // Not returned, a value outside the documented ones, or empty (Dataverse fills them; 0 is None): unknown.
  return methods.some(isUnknown) ? undefined : sssKnown(m);
}

/** The directions whose delivery method is known to be server-side sync (the others may be unknown). */
export function sssKnown(m: MailboxFacts): Direction[] {
  const dirs: Direction[] = [];
  if (m.incomingMethod === IncomingDelivery.ServerSideSync) dirs.push("incoming");
  if (m.outgoingMethod === OutgoingDelivery.ServerSideSync) dirs.push("outgoing");
  if (m.actMethod === ActDelivery.ServerSideSync) dirs.push("act");
  return dirs;
}

export function directionStatus(s: MailboxSnapshot, d: Direction): Value<number> {
  // Not `${d}Status`: a key made anew for every call is looked up the slow way.
  return d === "incoming" ? s.mailbox.incomingStatus : d === "outgoing" ? s.mailbox.outgoingStatus : s.mailbox.actStatus;
}

export function directionEnabled(s: MailboxSnapshot, d: Direction): Value<boolean> {
  return d === "incoming"
    ? s.mailbox.enabledForIncoming
    : d === "outgoing"
      ? s.mailbox.enabledForOutgoing
      : s.mailbox.enabledForAct;
}

function online(s: MailboxSnapshot): boolean | undefined {
  const tenant = s.tenant.ok && s.tenant.value;
  const host = hostOf(s.clientUrl);
  if ((tenant && tenant.tenantId) || (host && DYNAMICS_ONLINE_HOST.test(host))) return true;
  // An org detail without a TenantId says nothing either way: unknown, not on-premises.
  return !s.tenant.ok || (tenant && tenant.tenantId === undefined) ? undefined : false;
}

/** When an alert was last written; undefined (unknown) makes it evidence, never history. */
function alertTime(a: AlertFacts): number | undefined {
  if (a.modifiedOn instanceof Date) return a.modifiedOn.getTime();
  if (a.modifiedOn === null && a.createdOn instanceof Date) return a.createdOn.getTime();
  return undefined;
}

export function deriveFacts(s: MailboxSnapshot): DerivedFacts {
  const m = s.mailbox;
  const profile = s.profile.ok ? s.profile.value : undefined;
  const profileClass: ProfileClass = profile ? classifyProfileWithBasis(profile) : { kind: undefined, basis: [] };
  const profileKind = profile === null ? null : profileClass.kind;
  const owner = s.owner.ok ? s.owner.value : null;
  const ownerTable = owner ? owner.table : m.ownerTable;
  const sss = [
    ev("mailbox.incomingemaildeliverymethod", m.incomingMethod, "incomingdelivery"),
    ev("mailbox.outgoingemaildeliverymethod", m.outgoingMethod, "outgoingdelivery"),
    ev("mailbox.actdeliverymethod", m.actMethod, "actdelivery"),
  ];
  const sssDirections = sssDirectionsOf(m, sss);
  const completed = m.testCompletedOn;
  const lastTestSucceeded =
    !!sssDirections &&
    sssDirections.length > 0 &&
    sssDirections.every((d) => directionStatus(s, d) === TestStatus.Success) &&
    completed instanceof Date &&
    // A completion later than the read is no time a test completed (the reading clock may lag by minutes).
    completed.getTime() <= s.now.getTime() + CLOCK_SKEW_MS;

  // Which addresses are this mailbox's: a profile alert that names only other addresses is about another mailbox.
  // (An empty one matches no address an alert names.)
  const own = [m.emailAddress, owner && owner.email].filter((a): a is string => typeof a === "string").map(normalizeAddress);
  let namesOthers = false;
  const aboutOtherMailboxes: AlertFacts[] = [];
  const forThisMailbox = (a: AlertFacts): boolean => {
    if (a.about === "mailbox") return true;
    const named = addressesIn(alertText(a));
    if (named.length === 0 || named.some((n) => own.includes(n))) return true;
    namesOthers = true;
    // Without the mailbox's own address, which mailbox it is about cannot be told: it stays evidence.
    if (typeof m.emailAddress !== "string") return true;
    aboutOtherMailboxes.push(a);
    return false;
  };

  const alerts = s.alerts.ok
    ? s.alerts.value.filter((a) => {
        if (!forThisMailbox(a)) return false;
        const when = alertTime(a);
        // An alert older than the last successful Test & Enable is history, not evidence.
        return !(lastTestSucceeded && when !== undefined && when <= completed.getTime());
      })
    : undefined;
  const alertsBasis = alerts ? alerts.flatMap((a) => [ev("tracelog.text", a.text), ev("tracelog.errordetails", a.details)]) : [];
  if (namesOthers) alertsBasis.push(ev("mailbox.emailaddress", m.emailAddress));
  const alerts401 = alerts && alerts.filter(is401);
  const exchangeOnline: ExchangeOnlineEvidence = {
    ewsUrl: isExchangeOnlineHost(hostOf(m.ewsUrl)),
    location: profile ? exchangeOnlineLocation(profile) : undefined,
    alert: alerts && alerts.find((a) => alertMentions(a, EXCHANGE_ONLINE_IN_TEXT)),
  };
  const inExchangeOnline =
    profileKind === "exchange-online" || profileKind === "exchange-online-hybrid" || hasExchangeOnlineEvidence(exchangeOnline);
  const change = latestChange(s);
  const fresh401 = alerts401 ? alerts401.filter((a) => !isBeforeChange(a, change)) : [];
  return {
    online: online(s),
    profileKind,
    profile,
    ownerTable,
    sssDirections,
    lastTestSucceeded,
    alerts,
    alerts401,
    fresh401,
    stale401: fresh401.length || !alerts401 ? undefined : alerts401[0],
    change,
    aboutOtherMailboxes,
    exchangeOnline,
    inExchangeOnline,
    basis: {
      profileKind: profileClass.basis,
      sss,
      alerts: alertsBasis,
      exchangeOnline: [ev("mailbox.ewsurl", m.ewsUrl), ...(profile ? locationBasis(profile) : []), ...alertsBasis],
    },
  };
}
