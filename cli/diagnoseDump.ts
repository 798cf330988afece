import { normalizeGuid } from "../MailboxHealth/model/guid";
import { buildSnapshot } from "../MailboxHealth/data/buildSnapshot";
import { toDataError } from "../MailboxHealth/data/errors";
import { MailboxUnreadableError } from "../MailboxHealth/data/loadMailboxData";
import type { DumpRequest, OrgDump } from "../MailboxHealth/data/orgDump";
import type { DiagnosisResult } from "../MailboxHealth/diagnosis/diagnose";
import { diagnoseMailbox, diagnoseSnapshot } from "../MailboxHealth/diagnosis/diagnose";
import { verdictOf } from "../MailboxHealth/model/finding";
import type { DataError } from "../MailboxHealth/model/snapshot";
import { failedPart } from "../MailboxHealth/model/snapshot";
import { runRules } from "../MailboxHealth/rules";
import { normalizedId } from "./dumpIds";
import { DumpIndex } from "./dumpIndex";
import { CliError } from "./errors";
import { dumpClient, unreadableTablesOf } from "./unreadableTables";

/**
 * Runs the control's one pipeline (read → snapshot → rules) for the mailboxes of a dump. The dump is
 * indexed once; each mailbox's snapshot is then built from the indexes (dumpIndex.ts), so the whole run
 * takes time linear in the size of the dump. The snapshots are the ones the control's read
 * (loadMailboxData) gets from an OrgDumpClient over the same dump; a dump that records unreadable tables,
 * a mailbox with an id that is not a GUID, and a run that watches the requests (`onRequest`) are read
 * through the OrgDumpClient itself.
 */

export interface MailboxDiagnosis {
  /** The mailbox id, normalized (lower case, no braces). */
  id: string;
  result: DiagnosisResult;
  /** Why the mailbox could not be diagnosed (its row could not be read, or a check failed); the run goes on. */
  error?: string;
}

export interface DumpRunOptions {
  /** The time the time-based rules compare against. */
  now: Date;
  /** Mailbox ids or addresses (case-insensitive); empty or absent = every mailbox, in dump order. */
  select?: readonly string[];
  /** How the dump is named in messages. */
  shownAs?: string;
  /** Sees every request the diagnosis makes (tests count them): the run then reads through the OrgDumpClient. */
  onRequest?: (request: DumpRequest) => void;
}

const normalizeAddress = (value: string): string => value.trim().toLowerCase();

/** Online Dynamics 365 hosts: `<org>.crm<n>.dynamics.com` and the sovereign clouds' equivalents. */
const ONLINE_HOST = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.(crm\d{0,2}\.(?:dynamics\.com|dynamics\.cn|microsoftdynamics\.us|microsoftdynamics\.de|appsplatform\.us))$/;

/**
 * The org's own URL, from `RetrieveCurrentOrganization.Detail.Endpoints` (an EndpointCollection:
 * `Keys` and `Values`), so that findings can link to the org's records. Only an online Dynamics 365 org
 * that the dump names consistently: https, no port, user or path; the org name of the host is the
 * dump's `UrlName` when it gives one, and every other endpoint is on the same org's hosts. Any other URL in
 * a dump (from someone else's org, or made up) gets no links: null.
 */
export function clientUrlOf(dump: OrgDump): string | null {
  const detail = dump.RetrieveCurrentOrganization?.Detail;
  const endpoints = detail?.Endpoints as { Keys?: unknown; Values?: unknown } | undefined;
  if (!endpoints || typeof endpoints !== "object" || !Array.isArray(endpoints.Keys) || !Array.isArray(endpoints.Values)) return null;
  if (endpoints.Keys.length !== endpoints.Values.length) return null;
  const url = endpoints.Values[endpoints.Keys.indexOf("WebApplication")];
  if (typeof url !== "string") return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" || parsed.port || parsed.username || parsed.password || parsed.search || parsed.hash) return null;
  if (parsed.pathname !== "/" || parsed.href !== `${parsed.origin}/` && parsed.href !== parsed.origin) return null;
  const host = ONLINE_HOST.exec(parsed.hostname);
  if (!host) return null;
  const [, org, region] = host;
  const urlName = detail?.UrlName;
  if (urlName !== undefined && urlName !== null && (typeof urlName !== "string" || urlName.toLowerCase() !== org)) return null;
  for (const other of endpoints.Values) {
    if (other === url) continue;
    try {
      const hostname = new URL(String(other)).hostname;
      if (hostname !== parsed.hostname && hostname !== `${org}.api.${region}`) return null;
    } catch {
      return null;
    }
  }
  return parsed.origin;
}

/** Mailbox ids in dump order, normalized (as OrgDumpClient.mailboxIds). */
export const mailboxIdsOf = (dump: OrgDump): string[] => (dump.mailboxes ?? []).map((row) => normalizedId(String(row.mailboxid)));

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

/**
 * The result for a mailbox that could not be diagnosed: every part of its data failed with the reason,
 * so every check says `unverified` and why, as the control does when it cannot read.
 */
export function undiagnosed(id: string, error: DataError, now: Date, clientUrl: string | null): DiagnosisResult {
  const failed = failedPart<never>(error);
  const snapshot = buildSnapshot(
    { mailbox: { mailboxid: id }, profile: failed, owner: failed, alerts: failed, organization: failed, tenant: failed },
    { now, clientUrl },
  );
  const findings = runRules(snapshot);
  return { snapshot, findings, verdict: verdictOf(findings), alerts401: undefined };
}

/** Diagnoses the selected mailboxes one by one, in dump order: a caller can write each result out as it comes. */
export async function* eachDiagnosis(dump: OrgDump, options: DumpRunOptions): AsyncGenerator<MailboxDiagnosis> {
  const shownAs = options.shownAs ?? "org dump";
  const ids = selectMailboxes(dump, mailboxIdsOf(dump), options.select, shownAs);
  const clientUrl = clientUrlOf(dump);
  const now = options.now;
  const direct = !options.onRequest && Object.keys(unreadableTablesOf(dump)).length === 0 ? new DumpIndex(dump, now, clientUrl) : undefined;
  let client: ReturnType<typeof dumpClient> | undefined = direct ? undefined : dumpClient(dump, options.onRequest);
  for (const id of ids) {
    let diagnosis: MailboxDiagnosis;
    try {
      const snapshot = direct?.snapshotOf(id);
      if (snapshot) diagnosis = { id, result: diagnoseSnapshot(snapshot) };
      else {
        client ??= dumpClient(dump, options.onRequest);
        diagnosis = { id, result: await diagnoseMailbox(client, id, { now: () => now, clientUrl }) };
      }
    } catch (e) {
      const error = e instanceof MailboxUnreadableError ? e.error : toDataError(e, false);
      diagnosis = { id, result: undiagnosed(id, error, now, clientUrl), error: error.message.replace(/\s+/g, " ").trim() || error.kind };
    }
    yield diagnosis;
  }
}

export async function diagnoseDump(dump: OrgDump, options: DumpRunOptions): Promise<MailboxDiagnosis[]> {
  const results: MailboxDiagnosis[] = [];
  for await (const diagnosis of eachDiagnosis(dump, options)) results.push(diagnosis);
  return results;
}
