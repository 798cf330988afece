/* eslint-disable @typescript-eslint/prefer-nullish-coalescing, @typescript-eslint/prefer-optional-chain -- `??` and `?.` are rewritten into longer code for Safari 13; here `||` and `&&` read the same. */
import type { Evidence, Finding, Message, RuleId, Status } from "../model/finding";
import type { AlertFacts, DataError, MailboxSnapshot } from "../model/snapshot";
import { isBeforeChange, latestChange } from "../rules/facts";

/**
 * What the view shows, derived from the findings: the most likely cause first, then one line per
 * finding, the steps they share once, and one card per table that could not be read. Pure: no React,
 * no text (message keys only), so that it can be tested on its own.
 */

/** Fix steps that say "Test & Enable, then Recheck": shown once, after the findings. */
export const SHARED_STEPS: readonly string[] = ["Fix_TestEnable", "Fix_SaveAndTestEnable"];
/** The step an unreadable table's findings share: the privilege card says it once, with the privilege. */
const GRANT_STEP = "Fix_GrantReadAndRecheck";
/** "Fix the causes above": only true when a problem is listed above it. */
const CAUSES_ABOVE_STEP = "Schedule_Fix_FixCauseFirst";

/** Unverified checks that a present problem already explains: the 401 has another cause. */
const EXPLAINED_BY_A_PROBLEM: readonly RuleId[] = ["address-mismatch", "exchange-online-license"];

/** A consequence of the other problems, not a cause: ranked last among problems. */
const CONSEQUENCE: RuleId = "mailbox-state";

export type WhyKind = "matching-alert" | "article-cause" | "only-problem" | "first-problem" | "warning" | "unverified" | "before-change";

export interface Lead {
  finding: Finding;
  /** Why this one is the most likely cause, as a message key (`Why_<kind>`), with the alert it matches. */
  why: WhyKind;
  alert?: AlertFacts;
}

export interface UnreadableData {
  /** `profile`, `owner`, `alerts`, … (resx `Data_<name>`). */
  data: string;
  error: DataError | undefined;
  /** The privilege named in Dataverse's error text, e.g. `prvReadEmailServerProfile`. */
  privilege: string | undefined;
  /** The checks this blocks. */
  findings: Finding[];
}

export interface EvidenceRow {
  /** `table.column`, shown as secondary text. */
  field: string;
  table: string;
  column: string;
  /** The logical names shown as secondary text: the column, or both directions' columns of a merged row. */
  logical: string;
  /** Set when the value is an alert's text that the alert list shows: refer to it, do not repeat it. */
  alert?: AlertFacts;
  evidence: Evidence;
}

export interface Presentation {
  lead: Lead | undefined;
  /** Problems (lead first), warnings, then checks to verify that no problem explains. */
  list: Finding[];
  /** Checks to verify that a present problem already explains: "If the problem remains". */
  ifRemains: Finding[];
  passed: Finding[];
  notApplicable: Finding[];
  unreadable: UnreadableData[];
  /** The shared step, once (a key of SHARED_STEPS), when any listed finding had it. */
  sharedStep: Message | undefined;
  /**
   * A listed finding whose sentence an earlier listed one says already (several checks that need the same
   * unknown column): it names that one instead, and leaves it the steps they share. Each thing once.
   */
  sameAs: Map<Finding, Finding>;
}

const byStatus = (findings: readonly Finding[], status: Status) => findings.filter((f) => f.status === status);

/** `prvReadEmailServerProfile` from "… is missing prvReadEmailServerProfile privilege …". Linear, bounded. */
export function privilegeIn(message: string | undefined): string | undefined {
  const m = message && /\b(prv[A-Z][A-Za-z0-9]{1,80})\b/.exec(message.slice(0, 4000));
  return m ? m[1] : undefined;
}

/** The data a "could not read" finding names (`Detail_CannotRead` with `{data: Data_<name>}`), if any. */
export function unreadableDataOf(f: Finding): string | undefined {
  const args = f.status === "unverified" && f.detail.key === "Detail_CannotRead" && f.detail.args;
  const data = args && args.data;
  return data && typeof data === "object" && data.key.startsWith("Data_") ? data.key.slice(5) : undefined;
}

/** The error of the snapshot's part (`profile`, `owner`, `alerts`, …) of that name, if it failed. */
function partError(s: MailboxSnapshot, data: string): DataError | undefined {
  const part = (s as unknown as Record<string, { ok?: boolean; error?: DataError } | undefined>)[data];
  return part && !part.ok ? part.error : undefined;
}

/** The alert quoted in a finding's evidence, when it is one the snapshot holds. */
export function alertQuoted(f: Finding, alerts: readonly AlertFacts[]): AlertFacts | undefined {
  const quoted = f.evidence.find((e) => e.field === "tracelog.text");
  const text = quoted && quoted.value;
  if (typeof text !== "string") return undefined;
  return alerts.find((a) => a.text === text);
}

function rankProblem(f: Finding, recent401: readonly AlertFacts[]): number {
  if (alertQuoted(f, recent401)) return 0;
  if (f.rule === CONSEQUENCE) return 3;
  return f.cause !== null ? 1 : 2;
}

/** The most likely cause: a problem with a matching recent 401 alert, then causes of the article, then the others. */
export function leadOf(findings: readonly Finding[], recent401: readonly AlertFacts[]): Lead | undefined {
  const problems = byStatus(findings, "problem");
  if (problems.length > 0) {
    // By rank, then by cause (the article's order), then in the order found (the first of equals stays).
    // Causes are numbered from 1: `||` puts the findings without one after them.
    const order = (f: Finding) => rankProblem(f, recent401) * 100 + (f.cause || 99);
    const finding = problems.reduce((best, f) => (order(f) < order(best) ? f : best));
    const alert = alertQuoted(finding, recent401);
    const why: WhyKind = alert
      ? "matching-alert"
      : problems.length === 1
        ? "only-problem"
        : rankProblem(finding, recent401) === 1
          ? "article-cause"
          : "first-problem";
    return { finding, why, alert };
  }
  const other = findings.find((f) => f.status === "warning") || findings.find((f) => f.status === "unverified" && unreadableDataOf(f) === undefined);
  if (!other) return undefined;
  // A 401 from before the latest change: the headline says it needs a new test, not that it fails.
  return { finding: other, why: other.detail.key === "Alert401_BeforeChange" ? "before-change" : (other.status as "warning" | "unverified") };
}

export interface PresentOptions {
  /** 401 alerts that are evidence now (not history), newest first. Those from before the latest change are not used. */
  recent401: readonly AlertFacts[];
}

export function present(findings: readonly Finding[], snapshot: MailboxSnapshot, options: PresentOptions): Presentation {
  const problems = byStatus(findings, "problem");
  const change = latestChange(snapshot);
  const lead = leadOf(findings, options.recent401.filter((a) => !isBeforeChange(a, change)));

  const unreadable: UnreadableData[] = [];
  const unverified: Finding[] = [];
  for (const f of byStatus(findings, "unverified")) {
    const data = unreadableDataOf(f);
    if (data === undefined) {
      unverified.push(f);
      continue;
    }
    let card = unreadable.find((u) => u.data === data);
    if (!card) {
      const error = partError(snapshot, data);
      card = { data, error, privilege: error && privilegeIn(error.message), findings: [] };
      unreadable.push(card);
    }
    card.findings.push(f);
  }

  const explained = (f: Finding) => problems.length > 0 && EXPLAINED_BY_A_PROBLEM.includes(f.rule);
  const listed = [...problems, ...byStatus(findings, "warning"), ...unverified.filter((f) => !explained(f))];
  // The lead first, the others in their order.
  const list = lead ? [lead.finding, ...listed.filter((f) => f !== lead.finding)] : listed;
  const ifRemains = unverified.filter(explained);

  const shown = [...list, ...ifRemains];
  const shared = shown.flatMap((f) => f.fix).find((m) => SHARED_STEPS.includes(m.key));
  const said = shown.map((f) => JSON.stringify(f.detail));
  const sameAs = new Map<Finding, Finding>();
  said.forEach((text, i) => {
    const first = said.indexOf(text);
    if (first < i) sameAs.set(shown[i], shown[first]);
  });
  return {
    lead,
    list,
    ifRemains,
    passed: byStatus(findings, "ok"),
    notApplicable: byStatus(findings, "not-applicable"),
    unreadable,
    sharedStep: shared && { key: shared.key },
    sameAs,
  };
}

/** The fix ends with the shared Test & Enable step: the finding offers the control's Test & Enable as its last step. */
export function endsWithTest(f: Finding): boolean {
  return f.fix.length > 0 && SHARED_STEPS.includes(f.fix[f.fix.length - 1].key);
}

/** A finding's own steps: without the shared one (said once), and without "the causes above" when there is none. */
export function ownSteps(f: Finding, p: Pick<Presentation, "list" | "sameAs">): Message[] {
  const anyProblem = p.list.some((x) => x.status === "problem");
  const first = p.sameAs.get(f);
  return f.fix.filter(
    (m) =>
      !SHARED_STEPS.includes(m.key) &&
      m.key !== GRANT_STEP &&
      (anyProblem || m.key !== CAUSES_ABOVE_STEP) &&
      // The steps the finding it names has are said there.
      !(first && first.fix.some((x) => x.key === m.key)),
  );
}

/** Evidence rows with the table and column apart, and an alert's text referred to when the alert list shows it. */
export function evidenceRows(f: Finding, listedAlerts: readonly AlertFacts[] | undefined): EvidenceRow[] {
  const alert = listedAlerts && alertQuoted(f, listedAlerts);
  const rows: EvidenceRow[] = [];
  for (const e of f.evidence) {
    if (alert && e.field === "tracelog.errordetails") continue;
    const dot = e.field.indexOf(".");
    const table = dot > 0 ? e.field.slice(0, dot) : "";
    const column = dot > 0 ? e.field.slice(dot + 1) : e.field;
    const row: EvidenceRow = { field: e.field, table, column, logical: column, evidence: e };
    if (alert && e.field === "tracelog.text") row.alert = alert;
    rows.push(row);
  }
  return mergeDirections(rows);
}

/**
 * A profile column shown for both directions with the same value is one row, "… incoming and outgoing",
 * labelled by the column name without its direction (`Column_emailserverprofile_credentialretrieval`).
 */
function mergeDirections(rows: EvidenceRow[]): EvidenceRow[] {
  const out: EvidenceRow[] = [];
  const merged = new Set<EvidenceRow>();
  for (const row of rows) {
    if (merged.has(row)) continue;
    if (row.table === "emailserverprofile" && row.column.startsWith("incoming")) {
      const base = row.column.slice("incoming".length);
      const twin = rows.find((r) => r.table === row.table && r.column === `outgoing${base}` && !merged.has(r));
      if (twin && JSON.stringify(twin.evidence.value) === JSON.stringify(row.evidence.value)) {
        merged.add(twin);
        out.push({ ...row, field: `${row.field}, ${twin.field}`, column: base, logical: `${row.column}, ${twin.column}` });
        continue;
      }
    }
    out.push(row);
  }
  return out;
}

/** A link to this very record (the form the control is on) is no help. */
export function isThisRecord(url: string, mailboxId: string): boolean {
  const m = /[?&]etn=mailbox&id=([0-9a-f-]{36})/i.exec(url);
  return !!m && m[1].toLowerCase() === mailboxId.toLowerCase();
}
