import { normalizeGuid } from "../MailboxHealth/data/buildSnapshot";
import { MailboxUnreadableError } from "../MailboxHealth/data/loadMailboxData";
import type { DumpRequest, OrgDump } from "../MailboxHealth/data/orgDump";
import type { DiagnosisResult } from "../MailboxHealth/diagnosis/diagnose";
import { diagnoseMailbox } from "../MailboxHealth/diagnosis/diagnose";
import { CliError } from "./errors";
import { dumpClient } from "./unreadableTables";

/**
 * Runs the control's one pipeline (read → snapshot → rules) for the mailboxes of a dump. The dump is
 * indexed once, by one OrgDumpClient; each mailbox is then answered from its indexes, so the whole run
 * takes time linear in the size of the dump.
 */

export interface MailboxDiagnosis {
  /** The mailbox id, normalized (lower case, no braces). */
  id: string;
  result: DiagnosisResult;
}

export interface DumpRunOptions {
  /** The time the time-based rules compare against. */
  now: Date;
  /** Mailbox ids or addresses (case-insensitive); empty or absent = every mailbox, in dump order. */
  select?: readonly string[];
  /** How the dump is named in messages. */
  shownAs?: string;
  /** Sees every request the diagnosis makes (tests count them). */
  onRequest?: (request: DumpRequest) => void;
}

const normalizeAddress = (value: string): string => value.trim().toLowerCase();

/**
 * The org's own URL, from `RetrieveCurrentOrganization.Detail.Endpoints` (an EndpointCollection:
 * `Keys` and `Values`), so that findings can link to the org's records. Null when the dump has none.
 */
export function clientUrlOf(dump: OrgDump): string | null {
  const endpoints = dump.RetrieveCurrentOrganization?.Detail?.Endpoints as { Keys?: unknown; Values?: unknown } | undefined;
  if (!endpoints || typeof endpoints !== "object" || !Array.isArray(endpoints.Keys) || !Array.isArray(endpoints.Values)) return null;
  const url = endpoints.Values[endpoints.Keys.indexOf("WebApplication")];
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The ids to diagnose: every mailbox once, or the ones asked for, in dump order. */
export function selectMailboxes(dump: OrgDump, ids: readonly string[], select: readonly string[] | undefined, shownAs: string): string[] {
  const unique = [...new Set(ids)];
  if (!select || select.length === 0) return unique;
  const byAddress = new Map<string, string[]>();
  for (const row of dump.mailboxes ?? []) {
    if (typeof row.emailaddress !== "string" || !row.emailaddress.trim()) continue;
    const key = normalizeAddress(row.emailaddress);
    const id = normalizeGuid(String(row.mailboxid));
    const list = byAddress.get(key);
    if (!list) byAddress.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  }
  const known = new Set(unique);
  const wanted = new Set<string>();
  for (const selector of select) {
    const asId = normalizeGuid(selector);
    const matches = known.has(asId) ? [asId] : (byAddress.get(normalizeAddress(selector)) ?? []);
    if (matches.length === 0) throw new CliError("Cli_Error_UnknownMailbox", { file: shownAs, mailbox: selector });
    for (const id of matches) wanted.add(id);
  }
  return unique.filter((id) => wanted.has(id));
}

export async function diagnoseDump(dump: OrgDump, options: DumpRunOptions): Promise<MailboxDiagnosis[]> {
  const shownAs = options.shownAs ?? "org dump";
  const client = dumpClient(dump, options.onRequest);
  const ids = selectMailboxes(dump, client.mailboxIds(), options.select, shownAs);
  const clientUrl = clientUrlOf(dump);
  const now = options.now;
  const results: MailboxDiagnosis[] = [];
  for (const id of ids) {
    try {
      results.push({ id, result: await diagnoseMailbox(client, id, { now: () => now, clientUrl }) });
    } catch (e) {
      const reason = e instanceof MailboxUnreadableError ? e.error.message : e instanceof Error ? e.message : String(e);
      throw new CliError("Cli_Error_DiagnosisFailed", { file: shownAs, mailbox: id, reason: reason.replace(/\s+/g, " ") });
    }
  }
  return results;
}
