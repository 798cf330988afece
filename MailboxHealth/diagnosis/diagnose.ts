import type { Finding, Verdict } from "../model/finding";
import { verdictOf } from "../model/finding";
import type { AlertFacts, MailboxSnapshot } from "../model/snapshot";
import { buildSnapshot } from "../data/buildSnapshot";
import { loadMailboxData } from "../data/loadMailboxData";
import type { WebApiClient } from "../data/webApiClient";
import { runRules } from "../rules";
import { deriveFacts, is401, isBeforeChange } from "../rules/facts";

/**
 * An alert that carries a 401, whether it came before the last successful Test & Enable (history), and
 * whether before the latest change to the mailbox, its profile or its owner.
 */
export interface Alert401 {
  alert: AlertFacts;
  history: boolean;
  beforeChange: boolean;
}

export interface DiagnosisResult {
  snapshot: MailboxSnapshot;
  findings: Finding[];
  verdict: Verdict;
  /** Every 401 alert read, newest first; undefined when the alerts could not be read. */
  alerts401: Alert401[] | undefined;
}

export interface DiagnoseOptions {
  /** The clock; the current time when left out. */
  now?: () => Date;
  clientUrl: string | null;
  isOffline?: () => boolean;
}

/** Read → snapshot → rules. The one pipeline every host runs (control, command line, playground). */
export async function diagnoseMailbox(client: WebApiClient, mailboxId: string, options: DiagnoseOptions): Promise<DiagnosisResult> {
  const raw = await loadMailboxData(client, mailboxId, options.isOffline);
  return diagnoseSnapshot(buildSnapshot(raw, { now: options.now ? options.now() : new Date(), clientUrl: options.clientUrl }));
}

/** The rules over a snapshot, and the 401 alerts listed with it: what every host shows once it has read. */
export function diagnoseSnapshot(snapshot: MailboxSnapshot): DiagnosisResult {
  const facts = deriveFacts(snapshot);
  const findings = runRules(snapshot, facts);
  // A profile alert about another mailbox is neither evidence nor history for this one: not listed.
  // Both lists are short (at most the alerts read): searched, not made into sets for every mailbox.
  // The facts list the 401 alerts that are evidence whenever the alerts were read.
  const alerts401 = snapshot.alerts.ok
    ? snapshot.alerts.value
        .filter((alert) => is401(alert) && !facts.aboutOtherMailboxes.includes(alert))
        .map((alert): Alert401 => ({ alert, history: !facts.alerts401!.includes(alert), beforeChange: isBeforeChange(alert, facts.change) }))
    : undefined;
  return { snapshot, findings, verdict: verdictOf(findings), alerts401 };
}
