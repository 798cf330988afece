import type { Cause, Finding, RuleId, Status, Verdict } from "../MailboxHealth/model/finding";
import type { Localizer } from "../MailboxHealth/i18n/localize";
import { isAllowedUrl } from "../MailboxHealth/i18n/localize";
import { Learn } from "../MailboxHealth/rules/links";
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

export interface Report {
  mailboxes: MailboxReport[];
}

/** A mailbox with the counts the text views need besides the JSON contract. */
export interface MailboxView {
  report: MailboxReport;
  verdict: Verdict;
}

export const titleKey = (rule: RuleId): string => `Rule_${rule}_Title`;

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

export function findingReport(finding: Finding, l: Localizer, clientUrl: string | null): FindingReport {
  const links: { label: string; url: string }[] = [];
  for (const link of finding.links) {
    const url = localUrl(l, link.url, clientUrl);
    if (url) links.push({ label: l.message(link.label), url });
  }
  // Like the control: a finding about a documented cause links to that cause in Microsoft's article.
  if (finding.cause !== null && (finding.status === "problem" || finding.status === "warning" || finding.status === "unverified")) {
    links.push({ label: l.text("Finding_Cause", { cause: finding.cause }), url: localUrl(l, Learn.article401, null)! });
  }
  return {
    rule: finding.rule,
    cause: finding.cause,
    status: finding.status,
    title: l.text(titleKey(finding.rule)),
    detail: l.message(finding.detail),
    evidence: finding.evidence.map((e) => ({ field: e.field, value: l.evidenceValue(e.value) })),
    fix: finding.fix.map((step) => l.message(step)),
    links,
  };
}

export function mailboxView(diagnosis: MailboxDiagnosis, l: Localizer): MailboxView {
  const { snapshot, findings, verdict } = diagnosis.result;
  const name = snapshot.mailbox.name;
  const address = snapshot.mailbox.emailAddress;
  return {
    report: {
      mailboxid: diagnosis.id,
      name: typeof name === "string" ? name : null,
      emailaddress: typeof address === "string" ? address : null,
      verdict: verdict.status,
      ...(diagnosis.error !== undefined ? { error: l.text("Cli_Mailbox_NotDiagnosed", { reason: diagnosis.error }) } : {}),
      findings: findings.map((f) => findingReport(f, l, snapshot.clientUrl)),
    },
    verdict,
  };
}

export const reportOf = (views: readonly MailboxView[]): Report => ({ mailboxes: views.map((v) => v.report) });

/** 1 when a mailbox has a problem, else 0 (org-dump.md). */
export const exitStatusOf = (views: readonly MailboxView[]): 0 | 1 => (views.some((v) => v.verdict.status === "problem") ? 1 : 0);
