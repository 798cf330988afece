import type { Finding, Verdict } from "../model/finding";
import { verdictOf } from "../model/finding";
import type { MailboxSnapshot } from "../model/snapshot";
import { buildSnapshot } from "../data/buildSnapshot";
import { loadMailboxData } from "../data/loadMailboxData";
import type { WebApiClient } from "../data/webApiClient";
import { runRules } from "../rules";

export interface DiagnosisResult {
  snapshot: MailboxSnapshot;
  findings: Finding[];
  verdict: Verdict;
}

export interface DiagnoseOptions {
  now?: () => Date;
  clientUrl?: string | null;
  isOffline?: () => boolean;
}

/** Read → snapshot → rules. The one pipeline every host runs (control, command line, playground). */
export async function diagnoseMailbox(client: WebApiClient, mailboxId: string, options: DiagnoseOptions = {}): Promise<DiagnosisResult> {
  const raw = await loadMailboxData(client, mailboxId, options.isOffline);
  const snapshot = buildSnapshot(raw, { now: (options.now ?? (() => new Date()))(), clientUrl: options.clientUrl ?? null });
  const findings = runRules(snapshot);
  return { snapshot, findings, verdict: verdictOf(findings) };
}
