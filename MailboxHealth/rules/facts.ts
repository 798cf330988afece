import type { AlertFacts, MailboxSnapshot, OwnerTable, ProfileFacts, Value } from "../model/snapshot";
import { ActDelivery, IncomingDelivery, OutgoingDelivery, ServerType, TestStatus } from "../model/options";

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
  /** Alerts that are evidence now: not older than the last successful Test & Enable. undefined if unreadable. */
  alerts: AlertFacts[] | undefined;
  /** Of those, the ones that carry a 401. */
  alerts401: AlertFacts[] | undefined;
  /** What says the mailbox lives in Exchange Online, whatever the profile says. */
  exchangeOnline: ExchangeOnlineEvidence;
}

export interface ExchangeOnlineEvidence {
  /** `mailbox.ewsurl` is an Exchange Online host. */
  ewsUrl: boolean;
  /** A profile server location that is an Exchange Online host. */
  location: string | undefined;
  /** An alert that names an Exchange Online host. */
  alert: AlertFacts | undefined;
}

const EXCHANGE_ONLINE_IN_TEXT =
  /outlook\.office365\.com|outlook\.office\.com|smtp\.office365\.com|outlook\.office365\.us|webmail\.apps\.mil|partner\.outlook\.cn|(?<![a-z0-9-])[a-z0-9-]{1,63}\.outlook\.com/i;

export const hasExchangeOnlineEvidence = (e: ExchangeOnlineEvidence): boolean => e.ewsUrl || !!e.location || !!e.alert;

const EXCHANGE_ONLINE_HOSTS = [
  "outlook.office365.com",
  "outlook.office.com",
  "smtp.office365.com",
  "outlook.office365.us",
  "webmail.apps.mil",
  "partner.outlook.cn",
];

/** The host of a URL or of a bare `host[:port][/path]`, lower case; undefined when there is none. */
export function hostOf(location: Value<string>): string | undefined {
  if (typeof location !== "string") return undefined;
  const text = location.trim();
  if (!text) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    return new URL(withScheme).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

export function isExchangeOnlineHost(host: string | undefined): boolean {
  if (!host) return false;
  return EXCHANGE_ONLINE_HOSTS.includes(host) || host === "outlook.com" || host.endsWith(".outlook.com");
}

/** Dynamics 365 online hosts, sovereign clouds included. */
export function isDynamicsOnlineHost(host: string | undefined): boolean {
  if (!host) return false;
  return /(^|\.)(dynamics\.com|microsoftdynamics\.us|appsplatform\.us|dynamics\.cn|microsoftdynamics\.de)$/.test(host);
}

export function profileLocations(profile: ProfileFacts): string[] {
  return [profile.incomingLocation, profile.outgoingLocation, profile.defaultLocation].filter(
    (l): l is string => typeof l === "string" && l.trim() !== "",
  );
}

export function profileUsesExchangeOnlineHost(profile: ProfileFacts): boolean {
  return profileLocations(profile).some((l) => isExchangeOnlineHost(hostOf(l)));
}

/** Either direction of the profile has one of these values. */
export function eitherIs(a: Value<number>, b: Value<number>, values: readonly number[]): boolean {
  return (typeof a === "number" && values.includes(a)) || (typeof b === "number" && values.includes(b));
}

export function classifyProfile(profile: ProfileFacts): ProfileKind | undefined {
  switch (profile.serverType) {
    case ServerType.ExchangeServerHybrid:
      return "exchange-server-hybrid";
    case ServerType.ExchangeOnlineHybrid:
      return "exchange-online-hybrid";
    case ServerType.Pop3Smtp:
    case ServerType.ImapSmtp:
      return "pop-imap";
  }
  const name = profile.serverTypeName ?? "";
  if (/exchange online/i.test(name) && !/hybrid/i.test(name)) return "exchange-online";
  if (profileUsesExchangeOnlineHost(profile)) return "exchange-online";
  if (eitherIs(profile.incomingCredential, profile.outgoingCredential, [2, 7])) return "exchange-online";
  const knownSomething =
    typeof profile.serverType === "number" ||
    typeof profile.serverTypeName === "string" ||
    typeof profile.incomingCredential === "number" ||
    typeof profile.outgoingCredential === "number";
  return knownSomething ? "exchange-server" : undefined;
}

/** GUIDs in alert texts (tenant, user, correlation ids) are hex: "…-a401b…" is no status code. */
const GUID = /(?<![0-9a-f])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** 401 as a number in the alert text or details (texts are localized; digits are not). */
export function is401(alert: AlertFacts): boolean {
  return /(^|[^\d])401([^\d]|$)/.test(`${alert.text ?? ""}\n${alert.details ?? ""}`.replace(GUID, " "));
}

export function alertMentions(alert: AlertFacts, pattern: RegExp): boolean {
  return pattern.test(`${alert.text ?? ""}\n${alert.details ?? ""}`);
}

export function sssDirectionsOf(s: MailboxSnapshot): Direction[] | undefined {
  const m = s.mailbox;
  if (m.incomingMethod === undefined || m.outgoingMethod === undefined || m.actMethod === undefined) return undefined;
  const dirs: Direction[] = [];
  if (m.incomingMethod === IncomingDelivery.ServerSideSync) dirs.push("incoming");
  if (m.outgoingMethod === OutgoingDelivery.ServerSideSync) dirs.push("outgoing");
  if (m.actMethod === ActDelivery.ServerSideSync) dirs.push("act");
  return dirs;
}

export function directionStatus(s: MailboxSnapshot, d: Direction): Value<number> {
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
  if (s.tenant.ok && s.tenant.value?.tenantId) return true;
  const host = s.clientUrl ? hostOf(s.clientUrl) : undefined;
  if (isDynamicsOnlineHost(host)) return true;
  // An org detail without a TenantId says nothing either way: unknown, not on-premises.
  if (s.tenant.ok) return s.tenant.value && s.tenant.value.tenantId === undefined ? undefined : false;
  return undefined;
}

export function deriveFacts(s: MailboxSnapshot): DerivedFacts {
  const profile = s.profile.ok ? s.profile.value : undefined;
  const profileKind = profile === null ? null : profile ? classifyProfile(profile) : undefined;
  const ownerTable = s.owner.ok && s.owner.value ? s.owner.value.table : s.mailbox.ownerTable;
  const sssDirections = sssDirectionsOf(s);
  const lastTestSucceeded =
    !!sssDirections &&
    sssDirections.length > 0 &&
    sssDirections.every((d) => directionStatus(s, d) === TestStatus.Success) &&
    s.mailbox.testCompletedOn instanceof Date;
  let alerts: AlertFacts[] | undefined;
  if (s.alerts.ok) {
    const completed = s.mailbox.testCompletedOn;
    alerts = s.alerts.value.filter((a) => {
      if (!lastTestSucceeded || !(completed instanceof Date)) return true;
      const when = a.modifiedOn ?? a.createdOn;
      // An alert older than the last successful Test & Enable is history, not evidence.
      return !(when instanceof Date) || when.getTime() > completed.getTime();
    });
  }
  const exchangeOnline: ExchangeOnlineEvidence = {
    ewsUrl: isExchangeOnlineHost(hostOf(s.mailbox.ewsUrl)),
    location: profile ? profileLocations(profile).find((l) => isExchangeOnlineHost(hostOf(l))) : undefined,
    alert: alerts?.find((a) => alertMentions(a, EXCHANGE_ONLINE_IN_TEXT)),
  };
  return {
    online: online(s),
    profileKind,
    profile,
    ownerTable,
    sssDirections,
    lastTestSucceeded,
    alerts,
    alerts401: alerts?.filter(is401),
    exchangeOnline,
  };
}
