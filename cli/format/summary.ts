import type { Finding, Status, Verdict } from "../../MailboxHealth/model/finding";
import type { MailboxSnapshot } from "../../MailboxHealth/model/snapshot";
import { RULES } from "../../MailboxHealth/rules";
import type { Localizer } from "../../MailboxHealth/i18n/localize";
import type { MailboxDiagnosis } from "../diagnoseDump";
import type { MailboxView } from "../report";
import { truncate } from "./text";

/** What the table and the Markdown view share: headings, the summary, the order of findings. */

/** Where the report's data came from, and when. */
export interface ReportSource {
  /** An org dump file (as named on the command line, or the demo's path), or an org read by `scan`. */
  kind: "dump" | "org";
  /** The file as named, or the org URL. */
  name: string;
  /** When the org was read: `scan`'s reading, or the dump's `readAt`; null when the dump does not say. */
  readAt: Date | null;
  /** The tables the scan could not read, by entity set name, with the server's reason (unreadableTables). */
  unreadable?: Readonly<Record<string, string>>;
}

export interface ViewOptions {
  localizer: Localizer;
  source: ReportSource;
  /** The moment the time-based checks were judged at. */
  now: Date;
  /** `--only` as given, when it narrows the list. */
  only?: string;
}

/** The findings a reader must act on, worst first; passed and not-applicable ones are only counted. */
export const ACTION_STATUSES: readonly Status[] = ["problem", "warning", "unverified"];

type ActionStatus = "problem" | "warning" | "unverified";

/** The mailboxes of one email server profile. `id` null: no profile, or a lookup that was not read. */
export interface ProfileTally {
  id: string | null;
  /** The mailbox's lookup to its profile: a profile id, empty (no profile), or not read. */
  lookup: "read" | "empty" | "not-read";
  /** The profile's name when its row was read, else null. */
  name: string | null;
  mailboxes: number;
  mailboxesWith: Record<ActionStatus, number>;
}

/** The keys of the two kinds of mailbox without a profile id; an id's key has a prefix of its own. */
const NO_PROFILE = "empty";
const NOT_READ = "not-read";

export function actionable(view: MailboxView) {
  return ACTION_STATUSES.flatMap((status) => view.report.findings.filter((f) => f.status === status));
}

export const count = (view: MailboxView, status: Status): number => view.report.findings.filter((f) => f.status === status).length;

/**
 * What the overview of a run keeps of each mailbox: its one line in the table. The details are written
 * from each mailbox's diagnosis as it comes, so that a run of 100,000 mailboxes keeps only these lines.
 */
export interface MailboxLine {
  label: string;
  status: Status;
  /** The ids of the rules that found a problem, whole. */
  problems: string[];
  /** Whether the mailbox has a details section (something to act on). */
  actionable: boolean;
}

/** The mailbox as a reader knows it: its name, else its address, else its id. */
export function labelOf(d: MailboxDiagnosis): string {
  const { name, emailAddress } = d.result.snapshot.mailbox;
  return (typeof name === "string" && name.trim()) || (typeof emailAddress === "string" && emailAddress.trim()) || d.id;
}

/** A mailbox's line, from its diagnosis: no text to localize. */
export const lineOf = (d: MailboxDiagnosis): MailboxLine => {
  const v = d.result.verdict;
  return {
    label: labelOf(d),
    status: v.status,
    problems: d.result.findings.filter((f) => f.status === "problem").map((f) => f.rule),
    actionable: v.problems + v.warnings + v.unverified > 0,
  };
};

/**
 * The counts of a run, over every mailbox checked (whatever `--only` lists): by verdict (the worst
 * status of each mailbox), and the mailboxes with at least one finding of each status to act on, so
 * that a mailbox with a problem and a check to verify counts under both.
 */
export class Tally {
  mailboxes = 0;
  listed = 0;
  readonly verdicts: Record<"problem" | "warning" | "unverified" | "ok", number> = { problem: 0, warning: 0, unverified: 0, ok: 0 };
  readonly mailboxesWith: Record<"problem" | "warning" | "unverified", number> = { problem: 0, warning: 0, unverified: 0 };
  /**
   * Each rule, in the rules' order, with the mailboxes whose finding has each status to act on: with 500
   * mailboxes, "tenant-mismatch: 480" names what to fix first (one profile, often).
   */
  readonly byRule: Record<string, Record<ActionStatus, number>> = Object.fromEntries(RULES.map((r) => [r.id, { problem: 0, warning: 0, unverified: 0 }]));

  /**
   * Each email server profile the mailboxes use, in the order first met, with its mailboxes and those with
   * a finding of each status to act on: "no profile" and "profile not read" count as profiles of their own.
   */
  readonly byProfile = new Map<string, ProfileTally>();

  add(result: { verdict: Verdict; findings: readonly Finding[]; snapshot?: MailboxSnapshot }, listed: boolean): void {
    const v = result.verdict;
    if (result.snapshot) this.addProfile(result.snapshot, v);
    this.mailboxes++;
    if (listed) this.listed++;
    if (v.status !== "not-applicable") this.verdicts[v.status]++;
    if (v.problems) this.mailboxesWith.problem++;
    if (v.warnings) this.mailboxesWith.warning++;
    if (v.unverified) this.mailboxesWith.unverified++;
    for (const f of result.findings) {
      const counts = this.byRule[f.rule];
      if (counts && f.status in counts) counts[f.status as ActionStatus]++;
    }
  }

  private addProfile(s: MailboxSnapshot, v: Verdict): void {
    const read = s.profile.ok ? s.profile.value : undefined;
    const id = s.mailbox.profileId;
    // A lookup that was read names the profile, even when the profile's row could not be read.
    const key = typeof id === "string" ? "id:" + id : id === null ? NO_PROFILE : NOT_READ;
    let t = this.byProfile.get(key);
    if (!t) this.byProfile.set(key, (t = { id: typeof id === "string" ? id : null, lookup: key === NO_PROFILE ? "empty" : key === NOT_READ ? "not-read" : "read", name: null, mailboxes: 0, mailboxesWith: { problem: 0, warning: 0, unverified: 0 } }));
    if (t.name === null && read && typeof read.name === "string" && read.name.trim()) t.name = read.name.trim();
    t.mailboxes++;
    if (v.problems) t.mailboxesWith.problem++;
    if (v.warnings) t.mailboxesWith.warning++;
    if (v.unverified) t.mailboxesWith.unverified++;
  }

  /** 1 when a mailbox has a problem, else 0 (org-dump.md), over every mailbox checked. */
  get exitStatus(): 0 | 1 {
    return this.mailboxesWith.problem > 0 ? 1 : 0;
  }
}

/** "Mailboxes: 14 · with a problem: 10 · with a warning: 2 · with checks to verify: 9 · all checks passed: 3". */
export function summaryLine(t: Tally, l: Localizer): string {
  return l.text("Cli_Summary", { total: t.mailboxes, ...t.mailboxesWith, ok: t.verdicts.ok });
}

/**
 * "Problems by check: address-mismatch 2 · email-approval 2 · …", then the same for warnings: the rules
 * with at least one mailbox, most mailboxes first (ties in the rules' order). None for a status no
 * mailbox has.
 */
export function byRuleLines(t: Tally, l: Localizer, escape: (text: string) => string = (text) => text, id: (rule: string) => string = (rule) => rule): string[] {
  return ([["problem", "Cli_ByRule_Problems"], ["warning", "Cli_ByRule_Warnings"]] as const).flatMap(([status, key]) => {
    const rules = Object.entries(t.byRule)
      .map(([rule, counts], i) => ({ rule, n: counts[status], i }))
      .filter((r) => r.n > 0)
      .sort((a, b) => b.n - a.n || a.i - b.i);
    if (!rules.length) return [];
    // The sentence escaped for the view, the list (ids and numbers only) put in after.
    const list = rules.map((r) => `${id(r.rule)} ${r.n}`).join(" · ");
    return [escape(l.text(key, { rules: "\ue000" })).replace("\ue000", list)];
  });
}

/**
 * "By email server profile:" and one line a profile, most mailboxes with a problem first: which profile to
 * look at when many mailboxes fail alike. None for a report of one mailbox, or one profile and no problem.
 */
export function byProfileLines(t: Tally, l: Localizer, escape: (text: string) => string = (text) => text): string[] {
  const profiles = [...t.byProfile.values()];
  if (t.mailboxes < 2 || (profiles.length < 2 && t.mailboxesWith.problem === 0)) return [];
  const plural = new Intl.PluralRules(l.locale);
  const count = new Intl.NumberFormat(l.locale);
  const lines = profiles
    .map((p, i) => ({ p, i }))
    .sort((a, b) => b.p.mailboxesWith.problem - a.p.mailboxesWith.problem || b.p.mailboxes - a.p.mailboxes || a.i - b.i)
    .map(({ p }) => {
      // A name is server text; an id is a normalized GUID.
      const name = p.name !== null ? escape(truncate(p.name, NAME_MAX)) : p.id !== null ? p.id : escape(l.text(p.lookup === "empty" ? "Cli_ByProfile_None" : "Cli_ByProfile_NotRead"));
      const mailboxes = l.text(MAILBOXES[plural.select(p.mailboxes)] || MAILBOXES.other, { n: count.format(p.mailboxes) });
      return escape(l.text("Cli_ByProfile_Line", { profile: "\ue000", mailboxes, problems: count.format(p.mailboxesWith.problem) })).replace("\ue000", name);
    });
  return [escape(l.text("Cli_ByProfile")), ...lines];
}

/** How much of a profile's name the report shows. */
const NAME_MAX = 80;
const MAILBOXES: Record<string, string> = { one: "Cli_ByProfile_Mailboxes_one", few: "Cli_ByProfile_Mailboxes_few", other: "Cli_ByProfile_Mailboxes_other" };

/** "Shown: 11 of 14 (--only problems,warnings).", when `--only` narrows the list. */
export const listedLine = (t: Tally, o: ViewOptions): string | undefined =>
  o.only === undefined ? undefined : o.localizer.text("Cli_Listed", { listed: t.listed, total: t.mailboxes, only: o.only });

/** How much of a server's reason the report shows: a dump made by hand may hold any text there. */
const REASON_MAX = 400;

/**
 * One line a table the scan could not read, with the server's reason (server text: the views escape it,
 * and a long one is cut): said once for the report, where each check it blocks says only that it could
 * not read it.
 */
export function unreadableLines(o: ViewOptions): string[] {
  return Object.entries(o.source.unreadable ?? {}).map(([table, reason]) =>
    o.localizer.text("Cli_Source_Unreadable", { table: truncate(table, REASON_MAX), reason: truncate(reason, REASON_MAX) }),
  );
}

/** Where the data came from, when it was read, and the moment the checks were judged at. */
export function sourceLine(o: ViewOptions): string {
  const l = o.localizer;
  const { kind, name, readAt } = o.source;
  const when = l.date(o.now.toISOString());
  if (!readAt) return l.text("Cli_Source", { file: name, when });
  const same = readAt.getTime() === o.now.getTime();
  const key = kind === "org" ? (same ? "Cli_SourceOrg_AsRead" : "Cli_SourceOrg_Read") : same ? "Cli_Source_AsRead" : "Cli_Source_Read";
  return l.text(key, { file: name, when, read: l.date(readAt.toISOString()) });
}
