import { normalizeGuid } from "../model/guid";
import { parseIsoInstant } from "./isoDate";
import type { QueryOptions } from "./odataQuery";
import { matches, parseQuery } from "./odataQuery";
import { SECRET_COLUMNS } from "./queries";
import type { Row, WebApiClient } from "./webApiClient";

/**
 * The org dump: one JSON file with the Web API rows of the tables the diagnosis reads
 * (docs/org-dump.md), and the WebApiClient that answers the diagnosis's queries from it.
 * The dump is indexed once; each query is then answered from the indexes.
 */

export const TABLES = {
  mailbox: { set: "mailboxes", key: "mailboxid" },
  emailserverprofile: { set: "emailserverprofiles", key: "emailserverprofileid" },
  systemuser: { set: "systemusers", key: "systemuserid" },
  queue: { set: "queues", key: "queueid" },
  tracelog: { set: "tracelogs", key: "tracelogid" },
  organization: { set: "organizations", key: "organizationid" },
} as const;

export type TableName = keyof typeof TABLES;

type Navigation =
  | { kind: "single"; target: TableName; lookup: string }
  | { kind: "collection"; target: TableName; foreignKey: string };

/** Navigation properties of the Web API that the diagnosis expands. */
const NAVIGATION: Partial<Record<TableName, Record<string, Navigation>>> = {
  mailbox: {
    emailserverprofile: { kind: "single", target: "emailserverprofile", lookup: "_emailserverprofile_value" },
    regardingobjectid: { kind: "single", target: "systemuser", lookup: "_regardingobjectid_value" },
    regardingobjectid_queue: { kind: "single", target: "queue", lookup: "_regardingobjectid_value" },
    tracelog_Mailbox: { kind: "collection", target: "tracelog", foreignKey: "_regardingobjectid_value" },
  },
  emailserverprofile: {
    tracelog_EmailServerProfile: { kind: "collection", target: "tracelog", foreignKey: "_regardingobjectid_value" },
  },
};

export type OrgDump = Partial<Record<(typeof TABLES)[TableName]["set"], Row[]>> & {
  RetrieveCurrentOrganization?: { Detail?: Row };
};

/** A dump that cannot be used; the message names what is wrong. */
export class OrgDumpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OrgDumpError";
  }
}

/** Checks the shape of a parsed dump: tables are arrays of objects with ids. Values are not judged here. */
export function validateOrgDump(value: unknown): OrgDump {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new OrgDumpError("the dump is not a JSON object");
  }
  const dump = value as Record<string, unknown>;
  for (const table of Object.values(TABLES)) {
    const rows = dump[table.set];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) throw new OrgDumpError(`"${table.set}" is not an array`);
    // The same row twice (say, a page of results pasted in twice) would leave one of them unread.
    const seen = new Map<string, number>();
    rows.forEach((row, i) => {
      if (!row || typeof row !== "object" || Array.isArray(row)) {
        throw new OrgDumpError(`${table.set}[${i}] is not an object`);
      }
      const id = (row as Row)[table.key];
      if (typeof id !== "string" || !id.trim()) throw new OrgDumpError(`${table.set}[${i}] has no "${table.key}"`);
      const key = normalizeGuid(id);
      const first = seen.get(key);
      if (first !== undefined) throw new OrgDumpError(`${table.set}[${i}] has the same "${table.key}" as ${table.set}[${first}]`);
      seen.set(key, i);
    });
  }
  if (!Array.isArray(dump.mailboxes)) throw new OrgDumpError('the dump has no "mailboxes" array');
  const rco = dump.RetrieveCurrentOrganization;
  if (rco !== undefined && (!rco || typeof rco !== "object" || Array.isArray(rco))) {
    throw new OrgDumpError('"RetrieveCurrentOrganization" is not an object');
  }
  const detail = rco ? (rco as Record<string, unknown>).Detail : undefined;
  if (detail !== undefined && detail !== null && (typeof detail !== "object" || Array.isArray(detail))) {
    throw new OrgDumpError('"RetrieveCurrentOrganization.Detail" is not an object');
  }
  return dump;
}

export interface DumpRequest {
  kind: "retrieveRecord" | "retrieveMultipleRecords" | "retrieveCurrentOrganization";
  table?: string;
  id?: string;
  options?: string;
}

/**
 * How `$orderby` compares two values: date-times as the instants they name (text would put
 * `10:00+02:00` after `09:30Z`), numbers as numbers, other text as text. A value of another type, or
 * null, is unknown and sorts lowest (last in `desc`), as null does in Dataverse.
 */
export function sortKey(value: unknown): { rank: number; key: number | string } {
  if (typeof value === "number" && Number.isFinite(value)) return { rank: 1, key: value };
  if (typeof value === "string") {
    const instant = parseIsoInstant(value);
    return instant ? { rank: 2, key: instant.getTime() } : { rank: 3, key: value };
  }
  return { rank: 0, key: 0 };
}

export function compareKeys(x: { rank: number; key: number | string }, y: { rank: number; key: number | string }): number {
  if (x.rank !== y.rank) return x.rank - y.rank;
  return x.key < y.key ? -1 : x.key > y.key ? 1 : 0;
}

function notFound(table: string, id: string): Error {
  return Object.assign(new Error(`${table} With Id = ${id} Does Not Exist`), { status: 404 });
}

const SECRETS: ReadonlySet<string> = new Set(SECRET_COLUMNS);

/** From how many candidate rows a query's answer is kept for the next identical query. */
const SHARED_ANSWER_MIN = 64;

export class OrgDumpClient implements WebApiClient {
  private readonly byId = new Map<TableName, Map<string, Row>>();
  private readonly parsed = new Map<string, QueryOptions>();
  private readonly selected = new WeakMap<QueryOptions, { columns: Set<string>; keys: Map<string, boolean> }>();
  /** tracelog rows by regarding id. */
  private readonly byForeignKey = new Map<string, Row[]>();
  /**
   * Answers to queries over many rows, by their text: every mailbox of a profile asks the same query
   * for the profile's alerts, answered once (filter, sort, $top) and then shared. Rows are read-only.
   */
  private readonly answers = new Map<string, Row[]>();

  constructor(
    private readonly dump: OrgDump,
    private readonly onRequest?: (request: DumpRequest) => void,
  ) {
    for (const [name, table] of Object.entries(TABLES) as [TableName, (typeof TABLES)[TableName]][]) {
      const index = new Map<string, Row>();
      for (const row of dump[table.set] ?? []) index.set(normalizeGuid(String(row[table.key])), row);
      this.byId.set(name, index);
    }
    for (const row of dump.tracelogs ?? []) {
      const regarding = row._regardingobjectid_value;
      if (typeof regarding !== "string") continue;
      const key = normalizeGuid(regarding);
      const list = this.byForeignKey.get(key);
      if (list) list.push(row);
      else this.byForeignKey.set(key, [row]);
    }
  }

  /** Mailbox ids in dump order. */
  mailboxIds(): string[] {
    return (this.dump.mailboxes ?? []).map((row) => normalizeGuid(String(row.mailboxid)));
  }

  retrieveRecord(table: string, id: string, options: string): Promise<Row> {
    this.onRequest?.({ kind: "retrieveRecord", table, id, options });
    return this.attempt(() => {
      const name = this.table(table);
      const row = this.byId.get(name)?.get(normalizeGuid(id));
      if (!row) throw notFound(table, id);
      return this.shape(name, row, this.parse(options));
    });
  }

  retrieveMultipleRecords(table: string, options: string): Promise<Row[]> {
    this.onRequest?.({ kind: "retrieveMultipleRecords", table, options });
    return this.attempt(() => {
      const name = this.table(table);
      const query = this.parse(options);
      // An equality on the regarding lookup is answered from the index.
      const regarding = query.filter.find((c) => c.field === "_regardingobjectid_value" && c.op === "eq");
      const candidates =
        name === "tracelog" && typeof regarding?.value === "string"
          ? (this.byForeignKey.get(normalizeGuid(regarding.value)) ?? [])
          : [...(this.byId.get(name)?.values() ?? [])];
      if (candidates.length < SHARED_ANSWER_MIN) return this.list(name, candidates, query);
      const key = `${name} ${options}`;
      let answer = this.answers.get(key);
      if (!answer) {
        answer = this.list(name, candidates, query);
        if (this.answers.size >= 256) this.answers.clear();
        this.answers.set(key, answer);
      }
      return [...answer];
    });
  }

  retrieveCurrentOrganization(): Promise<Row | null> {
    this.onRequest?.({ kind: "retrieveCurrentOrganization" });
    return Promise.resolve(this.dump.RetrieveCurrentOrganization?.Detail ?? null);
  }

  private attempt<T>(f: () => T): Promise<T> {
    try {
      return Promise.resolve(f());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  private table(logicalName: string): TableName {
    if (!(logicalName in TABLES)) throw Object.assign(new Error(`Unknown table ${logicalName}`), { status: 404 });
    return logicalName as TableName;
  }

  private list(name: TableName, rows: Row[], query: QueryOptions): Row[] {
    let result = rows.filter((row) => matches(row, query.filter));
    if (query.orderBy) {
      const { field, descending } = query.orderBy;
      // Each row's key computed once (a date parsed once), not at every comparison.
      const keyed = result.map((row) => ({ row, key: sortKey(row[field]) }));
      keyed.sort((a, b) => compareKeys(a.key, b.key) * (descending ? -1 : 1));
      result = keyed.map((k) => k.row);
    }
    if (query.top !== undefined) result = result.slice(0, query.top);
    return result.map((row) => this.shape(name, row, query));
  }

  /** Parsed query options by their text: the diagnosis sends the same few for every mailbox. */
  private parse(options: string): QueryOptions {
    let query = this.parsed.get(options);
    if (!query) {
      if (this.parsed.size >= 64) this.parsed.clear();
      query = parseQuery(options);
      this.parsed.set(options, query);
    }
    return query;
  }

  /** Under $select, whether each key of a row is returned, by key: rows of a table share their keys. */
  private selectedKeys(query: QueryOptions): { columns: Set<string>; keys: Map<string, boolean> } | undefined {
    if (!query.select) return undefined;
    let selected = this.selected.get(query);
    if (!selected) this.selected.set(query, (selected = { columns: new Set(query.select), keys: new Map() }));
    return selected;
  }

  /**
   * Applies $select (with the annotations of the selected columns) and $expand. Secrets never leave.
   * One pass over the row's keys: `column` or `column@annotation`.
   */
  private shape(name: TableName, row: Row, query: QueryOptions): Row {
    const out: Row = {};
    const selected = this.selectedKeys(query);
    for (const key of Object.keys(row)) {
      let keep = selected?.keys.get(key);
      if (keep === undefined) {
        const at = key.indexOf("@");
        const column = at < 0 ? key : key.slice(0, at);
        keep = !SECRETS.has(column) && (selected ? selected.columns.has(column) : at < 0 || (at > 0 && column in row));
        if (selected && selected.keys.size < 1024) selected.keys.set(key, keep);
      }
      if (keep) out[key] = row[key];
    }
    for (const [property, nested] of Object.entries(query.expand)) {
      const nav = NAVIGATION[name]?.[property];
      if (!nav) throw Object.assign(new Error(`Could not find a property named '${property}' on type '${name}'`), { status: 400 });
      if (nav.kind === "single") {
        const id = row[nav.lookup];
        const target = typeof id === "string" ? this.byId.get(nav.target)?.get(normalizeGuid(id)) : undefined;
        out[property] = target ? this.shape(nav.target, target, nested) : null;
      } else {
        const key = row[TABLES[name].key];
        const related = typeof key === "string" ? (this.byForeignKey.get(normalizeGuid(key)) ?? []) : [];
        out[property] = this.list(nav.target, related, nested);
      }
    }
    return out;
  }
}
