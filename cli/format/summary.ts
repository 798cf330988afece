import type { Status } from "../../MailboxHealth/model/finding";
import type { Localizer } from "../../MailboxHealth/i18n/localize";
import type { MailboxView } from "../report";

/** What the table and the Markdown view share: headings, the one-line summary, the order of findings. */

export interface ViewOptions {
  localizer: Localizer;
  /** The dump as named on the command line (or the demo's path). */
  source: string;
  now: Date;
}

/** The findings a reader must act on, worst first; passed and not-applicable ones are only counted. */
export const ACTION_STATUSES: readonly Status[] = ["problem", "warning", "unverified"];

export function actionable(view: MailboxView) {
  return ACTION_STATUSES.flatMap((status) => view.report.findings.filter((f) => f.status === status));
}

export const count = (view: MailboxView, status: Status): number => view.report.findings.filter((f) => f.status === status).length;

export const problemRules = (view: MailboxView): string[] =>
  view.report.findings.filter((f) => f.status === "problem").map((f) => f.rule);

/**
 * What the overview of a run keeps of each mailbox: its one line in the table. The details are written
 * from each mailbox's view as it comes, so that a run of 100,000 mailboxes keeps only these lines.
 */
export interface MailboxLine {
  label: string;
  status: Status;
  problems: string[];
  /** Whether the mailbox has a details section (something to act on). */
  actionable: boolean;
}

export const lineOf = (view: MailboxView): MailboxLine => ({
  label: mailboxLabel(view),
  status: view.verdict.status,
  problems: problemRules(view),
  actionable: actionable(view).length > 0,
});

/** "Mailboxes: 14 · Problem: 10 · Warning: 1 · To verify: 0 · Passed: 3", counted by verdict. */
export function summaryLine(lines: readonly { status: Status }[], l: Localizer): string {
  const counts = new Map<Status, number>();
  for (const line of lines) counts.set(line.status, (counts.get(line.status) ?? 0) + 1);
  const by = (status: Status): string => `${l.text(`Status_${status}`)}: ${counts.get(status) ?? 0}`;
  return [l.text("Cli_Summary", { total: lines.length }), ...(["problem", "warning", "unverified", "ok"] as Status[]).map(by)].join(" · ");
}

export function sourceLine(o: ViewOptions): string {
  return o.localizer.text("Cli_Source", { file: o.source, when: o.localizer.date(o.now.toISOString()) });
}

/** The mailbox as a reader knows it: its name, else its address, else its id. */
export function mailboxLabel(view: MailboxView): string {
  return view.report.name?.trim() || view.report.emailaddress?.trim() || view.report.mailboxid;
}
