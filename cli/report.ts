import type { Cause, Finding, RuleId, Status, Verdict } from "../MailboxHealth/model/finding";
import type { Localizer } from "../MailboxHealth/i18n/localize";
import { isAllowedUrl } from "../MailboxHealth/i18n/localize";
import { findingText } from "../MailboxHealth/report/mailboxMarkdown";
import type { MailboxDiagnosis } from "./diagnoseDump";

/**
 * The localized result of a run: what `--format json` prints (org-dump.md), and what the table and
 * Markdown views are drawn from. Texts come from the resx files through the control's localizer.
 */

export interface FindingReport {
  rule: RuleId;
  cause: Cause;
  status: Status;
  title: string;
  detail: string;
  evidence: { field: string; value: string }[];
  fix: string[];
  links: { label: string; url: string }[];
}

export interface MailboxReport {
  mailboxid: string;
  name: string | null;
  emailaddress: string | null;
  verdict: Status;
  /** Only for a mailbox that could not be diagnosed: why (its findings then say `unverified`). */
  error?: string;
  findings: FindingReport[];
}

/** Where the report comes from and when it was made (org-dump.md). */
export interface ReportMetadata {
  tool: "mailbox-health";
  /** The version of the package (package.json). */
  version: string;
  /** The moment the time-based checks were judged at (`--now`, else when the org was read, else the run's time). */
  checkedAt: string;
  /** `dump`: `source` is the dump file as named on the command line; `org`: the org URL `scan` read. */
  sourceType: "dump" | "org";
  source: string;
  /** When the org was read: `scan`'s reading, or the dump's `readAt`; null when the dump does not say. */
  dumpReadAt: string | null;
  language: string;
  /** The statuses `--only` lists mailboxes by; null when every mailbox is listed. */
  only: Status[] | null;
  /**
   * The tables the scan could not read, by entity set name (or `RetrieveCurrentOrganization`), with the
   * server's reason, as the dump records them; `{}` when every table was read. The checks that need one of
   * them say `unverified` in every mailbox.
   */
  unreadableTables: Record<string, string>;
}

/** Counts over every mailbox checked, whatever `--only` lists. */
export interface ReportSummary {
  mailboxes: number;
  /** The mailboxes in `mailboxes` (fewer with `--only`). */
  listed: number;
  /** Mailboxes by verdict (their worst status). */
  verdicts: Record<"problem" | "warning" | "unverified" | "ok", number>;
  /** Mailboxes with at least one finding of each status: a mailbox may count under several. */
  mailboxesWith: Record<"problem" | "warning" | "unverified", number>;
  exitStatus: 0 | 1;
  /** Each rule id, in the rules' order: the mailboxes whose finding of that rule is a problem, a warning, to verify. */
  byRule: Record<string, Record<"problem" | "warning" | "unverified", number>>;
  /**
   * Each email server profile the mailboxes use, in the order first met: its id (null for mailboxes
   * without one, or whose lookup was not read: `lookup` says which), its name when its row was read, its
   * mailboxes and those with a finding of each status to act on.
   */
  byProfile: {
    emailserverprofileid: string | null;
    name: string | null;
    lookup: "read" | "empty" | "not-read";
    mailboxes: number;
    mailboxesWith: Record<"problem" | "warning" | "unverified", number>;
  }[];
}

export interface Report {
  metadata: ReportMetadata;
  mailboxes: MailboxReport[];
  summary: ReportSummary;
}

/** A mailbox with the counts the text views need besides the JSON contract. */
export interface MailboxView {
  report: MailboxReport;
  verdict: Verdict;
}

/** Localized, allowed URLs, by localizer: a run links to the same few pages for every mailbox. */
const urlCache = new WeakMap<Localizer, Map<string | null, Map<string, string | null>>>();

function localUrl(l: Localizer, url: string, clientUrl: string | null): string | null {
  let byClient = urlCache.get(l);
  if (!byClient) urlCache.set(l, (byClient = new Map()));
  // By client URL, then URL: both are the same few strings all along a run, no key to build for each link.
  let cache = byClient.get(clientUrl);
  if (!cache) {
    if (byClient.size >= 16) byClient.clear();
    byClient.set(clientUrl, (cache = new Map()));
  }
  let local = cache.get(url);
  if (local === undefined) {
    const candidate = l.url(url);
    local = isAllowedUrl(candidate, clientUrl) ? candidate : null;
    if (cache.size >= 10_000) cache.clear();
    cache.set(url, local);
  }
  return local;
}

/** A finding's URLs as shown: localized and allowed (cached, as `urlFor`), never a link the control would refuse. */
export const urlFor =
  (l: Localizer, clientUrl: string | null) =>
  (url: string): string | null =>
    localUrl(l, url, clientUrl);

/** `anyProblem`: whether the mailbox has a problem (a step that says "fix the problems first" needs one). */
export function findingReport(finding: Finding, l: Localizer, clientUrl: string | null, anyProblem = true): FindingReport {
  return { rule: finding.rule, cause: finding.cause, status: finding.status, ...findingText(finding, l, urlFor(l, clientUrl), anyProblem) };
}

/** Why a mailbox could not be diagnosed, as said to the reader. */
export const notDiagnosed = (diagnosis: MailboxDiagnosis, l: Localizer): string => l.text("Cli_Mailbox_NotDiagnosed", { reason: diagnosis.error ?? "" });

/** A mailbox's report up to its findings, which come last. */
export function mailboxHead(diagnosis: MailboxDiagnosis, l: Localizer): Omit<MailboxReport, "findings"> {
  const { snapshot, verdict } = diagnosis.result;
  const name = snapshot.mailbox.name;
  const address = snapshot.mailbox.emailAddress;
  return {
    mailboxid: diagnosis.id,
    name: typeof name === "string" ? name : null,
    emailaddress: typeof address === "string" ? address : null,
    verdict: verdict.status,
    ...(diagnosis.error !== undefined ? { error: notDiagnosed(diagnosis, l) } : {}),
  };
}

export function mailboxView(diagnosis: MailboxDiagnosis, l: Localizer): MailboxView {
  const { snapshot, findings, verdict } = diagnosis.result;
  return {
    report: {
      ...mailboxHead(diagnosis, l),
      findings: findings.map((f) => findingReport(f, l, snapshot.clientUrl, verdict.problems > 0)),
    },
    verdict,
  };
}

