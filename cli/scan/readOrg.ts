import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import {
  ALERT_COLUMNS,
  ALERT_FILTER,
  MAILBOX_COLUMNS,
  ORGANIZATION_COLUMNS,
  PROFILE_COLUMNS,
  QUEUE_COLUMNS,
  SECRET_COLUMNS,
  USER_COLUMNS,
} from "../../MailboxHealth/data/queries";
import type { Row } from "../../MailboxHealth/data/webApiClient";
import type { UnreadableTables } from "../unreadableTables";
import { UNREADABLE_KEY } from "../unreadableTables";
import type { DataverseReader } from "./http";
import { ScanFatalError, TableReadError } from "./http";

/**
 * The org, read table by table into an org dump (docs/org-dump.md): the same `$select` lists as the
 * control (MailboxHealth/data/queries.ts), no `$expand` (each profile, user and queue is read once
 * however many mailboxes point at it), alerts filtered to warnings and errors since a date.
 */

export interface TableQuery {
  set: string;
  columns: readonly string[];
  filter?: string;
}

/** Every GET of a scan besides RetrieveCurrentOrganization, in the order of docs/org-dump.md. */
export function tableQueries(alertsSince: Date | null): TableQuery[] {
  const since = alertsSince ? ` and modifiedon ge ${alertsSince.toISOString().replace(/\.000Z$/, "Z")}` : "";
  return [
    { set: "organizations", columns: ORGANIZATION_COLUMNS },
    { set: "mailboxes", columns: MAILBOX_COLUMNS },
    { set: "emailserverprofiles", columns: PROFILE_COLUMNS },
    { set: "systemusers", columns: USER_COLUMNS },
    { set: "queues", columns: QUEUE_COLUMNS },
    { set: "tracelogs", columns: ALERT_COLUMNS, filter: `${ALERT_FILTER}${since}` },
  ];
}

export function queryString(q: TableQuery): string {
  const secret = q.columns.find((c) => (SECRET_COLUMNS as readonly string[]).includes(c));
  if (secret) throw new Error(`refusing to select the secret column ${secret}`);
  return `$select=${q.columns.join(",")}${q.filter ? `&$filter=${q.filter}` : ""}`;
}

export interface TableSummary {
  target: string;
  rows: number;
  pages: number;
  /** Why the table could not be read; undefined when it was. */
  error?: string;
}

export interface ScannedOrg {
  dump: OrgDump;
  tables: TableSummary[];
}

const SECRETS: ReadonlySet<string> = new Set(SECRET_COLUMNS);

/** Drops any secret column (and its annotations) a server sent anyway. */
function withoutSecrets(row: Row): Row {
  let clean: Row | null = null;
  for (const key of Object.keys(row)) {
    const at = key.indexOf("@");
    if (SECRETS.has(at < 0 ? key : key.slice(0, at))) {
      clean ??= { ...row };
      delete clean[key];
    }
  }
  return clean ?? row;
}

/**
 * Reads RetrieveCurrentOrganization first, alone (a rejected token, a wrong host or no org then stops
 * the scan after one request), then every table, in parallel within the reader's bound.
 */
export async function readOrg(reader: DataverseReader, alertsSince: Date | null): Promise<ScannedOrg> {
  const tables: TableSummary[] = [];
  const unreadable: UnreadableTables = {};
  const dump: OrgDump & Record<string, unknown> = {};

  try {
    const detail = await reader.retrieveCurrentOrganization();
    dump.RetrieveCurrentOrganization = detail ? { Detail: detail } : {};
    tables.push({ target: "RetrieveCurrentOrganization", rows: 1, pages: 1 });
  } catch (e) {
    if (!(e instanceof TableReadError)) throw e;
    if (e.status === 404) throw new ScanFatalError("no-org", new URL(reader.apiBase).host, e.reason);
    unreadable.RetrieveCurrentOrganization = e.reason;
    tables.push({ target: "RetrieveCurrentOrganization", rows: 0, pages: 0, error: e.reason });
  }

  const results = await Promise.all(
    tableQueries(alertsSince).map(async (q) => {
      try {
        const { rows, pages } = await reader.readAll(q.set, queryString(q));
        return { q, rows: rows.map(withoutSecrets), pages };
      } catch (e) {
        if (e instanceof TableReadError) return { q, error: e };
        throw e;
      }
    }),
  );
  for (const r of results) {
    if (r.error) {
      unreadable[r.q.set] = r.error.reason;
      tables.push({ target: r.q.set, rows: 0, pages: 0, error: r.error.reason });
    } else {
      dump[r.q.set] = r.rows;
      tables.push({ target: r.q.set, rows: r.rows.length, pages: r.pages });
    }
  }
  if (Object.keys(unreadable).length) dump[UNREADABLE_KEY] = unreadable;
  return { dump, tables };
}
