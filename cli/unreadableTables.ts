import type { OrgDump } from "../MailboxHealth/data/orgDump";
import { OrgDumpClient, TABLES } from "../MailboxHealth/data/orgDump";
import type { Row, WebApiClient } from "../MailboxHealth/data/webApiClient";

/**
 * The tables a scan could not read, as the saved dump records them (docs/org-dump.md,
 * "unreadableTables"): entity set name (or "RetrieveCurrentOrganization") → the reason, e.g.
 * `403 0x80040220 … missing prvReadTraceLog privilege …`. A dump made by hand has none.
 *
 * Dataverse refuses a request that reads a table the account may not read, `$expand` included; this
 * client answers the diagnosis the same way, so that the checks that need such a table say
 * `unverified` with the reason, for `scan` and for `diagnose` on the dump it saved alike.
 */

export const UNREADABLE_KEY = "unreadableTables";

export type UnreadableTables = Record<string, string>;

const LOGICAL_OF_SET: Record<string, string> = Object.fromEntries(Object.entries(TABLES).map(([logical, t]) => [t.set, logical]));
/** The tables a mailbox read's `$expand` reaches (queries.ts, mailboxWithRelatedOptions). */
const EXPANDED = ["emailserverprofile", "systemuser", "queue"];

export function unreadableTablesOf(dump: OrgDump): UnreadableTables {
  const value = (dump as Record<string, unknown>)[UNREADABLE_KEY];
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: UnreadableTables = {};
  for (const [key, reason] of Object.entries(value as Record<string, unknown>)) {
    if (typeof reason === "string") out[key] = reason;
  }
  return out;
}

function refusal(reason: string): Error {
  const status = Number(/^(\d{3})\b/.exec(reason)?.[1] ?? 500);
  const code = /\b(0x[0-9a-f]{8})\b/i.exec(reason)?.[1];
  return Object.assign(new Error(reason), { status, ...(code ? { code } : {}) });
}

export class UnreadableTablesClient implements WebApiClient {
  private readonly refused = new Map<string, string>();

  constructor(
    private readonly inner: OrgDumpClient,
    unreadable: UnreadableTables,
  ) {
    for (const [key, reason] of Object.entries(unreadable)) {
      this.refused.set(key === "RetrieveCurrentOrganization" ? key : (LOGICAL_OF_SET[key] ?? key), reason);
    }
  }

  mailboxIds(): string[] {
    return this.inner.mailboxIds();
  }

  private check(table: string, options: string): void {
    const reason = this.refused.get(table);
    if (reason !== undefined) throw refusal(reason);
    if (options.includes("$expand=")) {
      for (const expanded of EXPANDED) {
        const r = this.refused.get(expanded);
        if (r !== undefined) throw refusal(r);
      }
    }
  }

  retrieveRecord(table: string, id: string, options: string): Promise<Row> {
    try {
      this.check(table, options);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return this.inner.retrieveRecord(table, id, options);
  }

  retrieveMultipleRecords(table: string, options: string): Promise<Row[]> {
    try {
      this.check(table, options);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return this.inner.retrieveMultipleRecords(table, options);
  }

  retrieveCurrentOrganization(): Promise<Row | null> {
    const reason = this.refused.get("RetrieveCurrentOrganization");
    if (reason !== undefined) return Promise.reject(refusal(reason));
    return this.inner.retrieveCurrentOrganization();
  }
}

/** The dump's client, refusing the tables the dump records as unreadable. */
export function dumpClient(dump: OrgDump, onRequest?: ConstructorParameters<typeof OrgDumpClient>[1]): OrgDumpClient | UnreadableTablesClient {
  const client = new OrgDumpClient(dump, onRequest);
  const unreadable = unreadableTablesOf(dump);
  return Object.keys(unreadable).length ? new UnreadableTablesClient(client, unreadable) : client;
}
