/* eslint-disable @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13; where `||` stands in, it reads the same. */
import type { Cause, Evidence, EvidenceValue, Finding, LinkRef, Message, MessageArgs, OptionSet, RuleId, Status } from "../model/finding";
import type { DataError, MailboxSnapshot, Part, Value } from "../model/snapshot";
import { documented } from "../model/options";
import type { DerivedFacts } from "./facts";
import type { Rule } from "./rule";

/** Small builders the rule modules share. */

export const msg = (key: string, args?: MessageArgs): Message => (args ? { key, args } : { key });

export interface FindingParts {
  evidence?: Evidence[];
  fix?: (string | Message)[];
  links?: LinkRef[];
  /**
   * The columns this conclusion rests on, as read (built with `ev`). An `ok`, `not-applicable` or
   * `warning` that rests on a column that was not returned or had the wrong type is not concluded: it
   * becomes `unverified` and names the column (see `restOn`).
   */
  restsOn?: readonly Evidence[];
}

/**
 * Columns Dataverse fills for every row (a state, yes/no settings, choices with a None value): empty is
 * none of their values, as an undocumented one is not. A user's "integration user" flag is one: empty, it
 * does not say the owner is not one.
 */
const FILLED = /^(mailbox\.(statecode|enabledfor\w+|\w+deliverymethod)|systemuser\.isintegrationuser)$/;

/**
 * Not returned, of the wrong type, an option value outside the documented ones, or empty where Dataverse
 * always fills the column: nothing to conclude from.
 */
export const isUnknown = (e: Evidence): boolean => {
  const v = e.value;
  return v === null ? FILLED.test(e.field) : typeof v === "object" && ("unknown" in v || ("option" in v && !documented(v.option, v.value)));
};

/**
 * The step for unknown columns: read access when one was not returned (or had the wrong type); for a
 * value that was read but is empty or not documented, a look at the record, since access is not missing.
 */
export const unknownFix = (unknown: readonly Evidence[]): string =>
  unknown.some((e) => e.value !== null && typeof e.value === "object" && "unknown" in e.value) ? "Fix_GrantReadAndRecheck" : "Fix_CheckValue";

/**
 * Never `ok` on what was not read: a finding that is `ok`, `not-applicable` or `warning` and rests on a
 * column that is unknown becomes `unverified`, naming the unknown columns. A `problem` stands (it rests
 * on what was read); so does an `unverified`.
 */
export function restOn(finding: Finding, basis: readonly Evidence[]): Finding {
  if (finding.status === "problem" || finding.status === "unverified") return finding;
  const unknown: Evidence[] = [];
  for (const e of basis) if (isUnknown(e) && !unknown.some((u) => u.field === e.field)) unknown.push(e);
  if (unknown.length === 0) return finding;
  return {
    ...finding,
    status: "unverified",
    detail: msg("Detail_ColumnsUnknown", { columns: unknown.map((e) => e.field).join(", ") }),
    evidence: [...unknown, ...finding.evidence.filter((e) => !unknown.some((u) => u.field === e.field))],
    fix: [msg(unknownFix(unknown))],
  };
}

export type DataName = "profile" | "owner" | "alerts" | "organization" | "tenant" | "mailbox";

/** A rule's finding, with the rule's id and cause: its status, its detail (a message or a message key) and the rest. */
export type Find = (status: Status, detail: string | Message, parts?: FindingParts) => Finding;

const toMessage = (m: string | Message): Message => (typeof m === "string" ? msg(m) : m);

/** A check whose findings all carry its id and cause (`find`). */
export function defineRule(id: RuleId, cause: Cause, evaluate: (s: MailboxSnapshot, f: DerivedFacts, find: Find) => Finding): Rule {
  const find: Find = (status, detail, parts = {}) => {
    const evidence = parts.evidence || [];
    const finding: Finding = {
      rule: id,
      cause,
      status,
      detail: toMessage(detail),
      // Each column once (with its value): outgoing with the incoming settings names the incoming column again,
      // and two directions without a location each name the default one.
      evidence: evidence.filter((e, i) => evidence.findIndex((d) => d.field === e.field && JSON.stringify(d.value) === JSON.stringify(e.value)) === i),
      fix: status === "ok" || status === "not-applicable" ? [] : (parts.fix || []).map(toMessage),
      links: parts.links || [],
    };
    return parts.restsOn ? restOn(finding, parts.restsOn) : finding;
  };
  return { id, cause, evaluate: (s, f) => evaluate(s, f, find) };
}

/** `unverified` because a piece of data could not be read; says which and why. */
export function unreadable(find: Find, data: DataName, error: DataError | undefined, parts?: FindingParts): Finding {
  return find("unverified", msg("Detail_CannotRead", { data: msg(`Data_${data}`), reason: msg(`DataError_${error ? error.kind : "failed"}`) }), {
    fix: ["Fix_GrantReadAndRecheck"],
    ...parts,
  });
}

/**
 * `unverified` because how a direction signs in is empty on the profile: its credential retrieval, or the
 * authentication protocol of a direction that signs in with a password. Empty is not "no password".
 */
export function signInEmpty(find: Find, evidence: Evidence[], links: LinkRef[]): Finding {
  return find("unverified", "Detail_SignInEmpty", { evidence, fix: ["Fix_SetSignIn", "Fix_TestEnable"], links });
}

export const errorOf = <T>(part: Part<T>): DataError | undefined => (part.ok ? undefined : part.error);

export function ev(field: string, value: Value<string | number | boolean | Date>, option?: OptionSet): Evidence {
  return { field, value: evidenceValue(value, option) };
}

function evidenceValue(value: Value<string | number | boolean | Date>, option?: OptionSet): EvidenceValue {
  if (value === undefined) return { unknown: true };
  if (value === null || typeof value === "string") return value;
  if (value instanceof Date) return { date: value.toISOString() };
  if (typeof value === "boolean") return { flag: value };
  return option ? { option, value } : String(value);
}

/** Trimmed, lower case; the way Exchange compares SMTP addresses. */
export const normalizeAddress = (a: string): string => a.trim().toLowerCase();

export function isEmailAddress(a: Value<string>): a is string {
  return typeof a === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.trim());
}

/** Alert evidence: the text (server text, shown as text) of the first matching alert. */
export function alertEvidence(alert: { text: Value<string>; details: Value<string> }): Evidence[] {
  const list: Evidence[] = [ev("tracelog.text", alert.text)];
  if (alert.details) list.push(ev("tracelog.errordetails", alert.details));
  return list;
}

/**
 * A 401 that only alerts from before the latest change to the mailbox, profile or owner show: not proof
 * that Exchange still answers 401. Says so, with the change, and asks for Test & Enable. undefined when a
 * 401 came after the change, or when there is no 401.
 */
export function beforeChange(
  find: Find,
  status: Status,
  f: DerivedFacts,
  parts: FindingParts & { evidence: Evidence[]; fix: string[] },
): Finding | undefined {
  const c = f.change;
  const alert = f.stale401;
  if (!c || !alert) return undefined;
  return find(status, msg("Alert401_BeforeChange", { what: msg(`Changed_${c.table}`), time: msg("Date", { iso: c.on.toISOString() }) }), {
    ...parts,
    evidence: [...parts.evidence, ...alertEvidence(alert), ev(`${c.table}.modifiedon`, c.on)],
    fix: [...parts.fix, "Fix_TestEnable"],
  });
}

/**
 * The scope of the checks that only concern a user's own Exchange Online mailbox (causes 3 and 6): a
 * finding when the mailbox is out of scope or the profile unreadable, undefined when in scope. The
 * mailbox is in Exchange Online when the profile kind or the evidence says so, whatever `servertype`
 * says (an Exchange Online (Hybrid) profile of Dynamics 365 on-premises included).
 */
export function outsideUserOnExchangeOnline(find: Find, s: MailboxSnapshot, f: DerivedFacts): Finding | undefined {
  if (f.ownerTable === "queue") return find("not-applicable", "NotApplicable_Queue");
  if (f.inExchangeOnline) return undefined;
  if (f.profileKind === undefined) return unreadable(find, "profile", errorOf(s.profile));
  return find("not-applicable", "NotApplicable_NotExchangeOnline", {
    restsOn: [...f.basis.profileKind, ...f.basis.exchangeOnline],
  });
}
