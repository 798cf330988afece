/**
 * A local HTTP server that answers like the Dataverse Web API where clients go wrong, for the tests and
 * the benchmark of `mailbox-health scan`. It serves the rows of an org dump (the demo org by default):
 *
 * - a bearer token check (401 with `WWW-Authenticate`, as Dataverse answers a missing or rejected token);
 * - server-driven paging: `Prefer: odata.maxpagesize` is honoured up to the server's own page size, and
 *   `@odata.nextLink` carries an opaque `$skiptoken`;
 * - `Prefer: odata.include-annotations`: annotations of the selected columns only when asked for;
 * - service protection limits: 429 with `Retry-After` on the first request for each table, if asked;
 * - 503 on chosen requests; 403 (missing privilege) for chosen tables; 404 for the whole API (no org);
 * - 400 with `0x80060888` for a `$select` column the table does not have, and for `$expand`,
 *   which this server does not serve (the scan never sends it);
 * - without `$select`, every column, secrets included: a client that forgets `$select` is caught.
 *
 * Every request is recorded (method, path and query, Prefer header, whether the token matched, status,
 * time); the token itself is never recorded. It binds 127.0.0.1 on a free port only.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import { TABLES } from "../../MailboxHealth/data/orgDump";
import {
  ALERT_COLUMNS,
  MAILBOX_COLUMNS,
  ORGANIZATION_COLUMNS,
  PROFILE_COLUMNS,
  QUEUE_COLUMNS,
  SECRET_COLUMNS,
  USER_COLUMNS,
} from "../../MailboxHealth/data/queries";
import type { Row } from "../../MailboxHealth/data/webApiClient";

export const API_PATH = "/api/data/v9.2/";
export const TEST_TOKEN = "test-token-4a1c";
const RCO = "RetrieveCurrentOrganization";

export interface DataverseServerOptions {
  /** The rows served. */
  dump: OrgDump;
  /** The bearer token the server accepts. */
  token?: string;
  /** The server's own largest page: smaller than a client's `odata.maxpagesize` wins. Default 5,000. */
  pageSize?: number;
  /** 429 with this Retry-After (seconds) on the first request for each table (and for RetrieveCurrentOrganization). */
  throttleFirstPerTable?: number;
  /** Numbers (1-based, in arrival order) of the requests that answer 503. */
  unavailableRequests?: number[];
  /** Entity sets (or "RetrieveCurrentOrganization") that answer 403, missing privilege. */
  forbidden?: string[];
  /** Every request answers 404: no org at this URL. */
  noOrg?: boolean;
  /** Each response waits this long. */
  latencyMs?: number;
  /** Extra columns a table has on this server (besides the ones of its rows and of queries.ts). */
  extraColumns?: Record<string, string[]>;
  /** Columns a table does NOT have on this server (an older org): selecting one gives 400. */
  missingColumns?: Record<string, string[]>;
  /** A misbehaving server: secret columns in every row, whatever `$select` says. */
  sendSecretsAnyway?: boolean;
  /** At most this many requests are answered; later ones get 500 (a runaway client cannot loop forever). */
  maxRequests?: number;
}

export interface ServedRequest {
  n: number;
  method: string;
  /** Path and query, decoded. */
  url: string;
  /** The entity set or function named by the path. */
  target: string;
  prefer: string | undefined;
  authorized: boolean;
  status: number;
  retryAfter?: number;
  /** Milliseconds since the server started. */
  at: number;
}

/** Secret values added to the served rows, so that a read without `$select` would carry them. */
const SECRET_VALUES: Record<string, Record<string, string>> = {
  mailboxes: { password: "SECRET-mailbox-password", oauthaccesstoken: "SECRET-access-token", oauthrefreshtoken: "SECRET-refresh-token" },
  emailserverprofiles: {
    incomingpassword: "SECRET-incoming-password",
    outgoingpassword: "SECRET-outgoing-password",
    oauthclientsecret: "SECRET-client-secret",
    lasttestrequest: "SECRET-test-request",
    lasttestresponse: "SECRET-test-response",
  },
  queues: { emailpassword: "SECRET-queue-password" },
};

const KNOWN_COLUMNS: Record<string, readonly string[]> = {
  mailboxes: MAILBOX_COLUMNS,
  emailserverprofiles: PROFILE_COLUMNS,
  systemusers: USER_COLUMNS,
  queues: QUEUE_COLUMNS,
  tracelogs: ALERT_COLUMNS,
  organizations: ORGANIZATION_COLUMNS,
};

const ENTITY_OF: Record<string, string> = Object.fromEntries(Object.entries(TABLES).map(([name, t]) => [t.set, name]));

interface Condition {
  field: string;
  op: string;
  value: string | number | boolean | null;
  instant?: number;
}

class BadRequest extends Error {}

function parseCondition(text: string): Condition {
  const m = /^\s*([A-Za-z_]\w*)\s+(eq|ne|gt|ge|lt|le)\s+(.+?)\s*$/.exec(text);
  if (!m) throw new BadRequest(`Unsupported $filter: ${text}`);
  const raw = m[3];
  let value: Condition["value"];
  let instant: number | undefined;
  if (raw === "null") value = null;
  else if (raw === "true" || raw === "false") value = raw === "true";
  else if (/^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
  else if (/^'.*'$/.test(raw)) value = raw.slice(1, -1).replace(/''/g, "'");
  else if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(raw)) {
    value = raw;
    instant = Date.parse(raw);
  } else if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) value = raw.toLowerCase();
  else throw new BadRequest(`Unsupported value in $filter: ${raw}`);
  return { field: m[1], op: m[2], value, instant };
}

function holds(row: Row, c: Condition): boolean {
  const v = row[c.field];
  let cmp: number | undefined;
  if (c.instant !== undefined) cmp = typeof v === "string" ? Date.parse(v) - c.instant : undefined;
  else if (typeof v === "number" && typeof c.value === "number") cmp = v - c.value;
  else if (typeof v === "string" && typeof c.value === "string") cmp = v.toLowerCase() < c.value.toLowerCase() ? -1 : v.toLowerCase() > c.value.toLowerCase() ? 1 : 0;
  else if (v === c.value) cmp = 0;
  if (cmp === undefined || Number.isNaN(cmp)) return c.op === "ne";
  switch (c.op) {
    case "eq":
      return cmp === 0;
    case "ne":
      return cmp !== 0;
    case "gt":
      return cmp > 0;
    case "ge":
      return cmp >= 0;
    case "lt":
      return cmp < 0;
    default:
      return cmp <= 0;
  }
}

function odataError(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** `odata.maxpagesize=N` and whether annotations were asked for, from a Prefer header. */
function preferences(prefer: string | undefined): { maxPageSize?: number; annotations: boolean } {
  const text = prefer ?? "";
  const m = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(text);
  return { maxPageSize: m ? Number(m[1]) : undefined, annotations: /odata\.include-annotations/i.test(text) };
}

export class DataverseServer {
  readonly requests: ServedRequest[] = [];
  private server: http.Server | null = null;
  private started = 0;
  private readonly throttled = new Set<string>();
  private readonly rows = new Map<string, Row[]>();
  private readonly columns = new Map<string, Set<string>>();
  private readonly token: string;

  constructor(private readonly options: DataverseServerOptions) {
    this.token = options.token ?? TEST_TOKEN;
    for (const [set, known] of Object.entries(KNOWN_COLUMNS)) {
      const source = (options.dump as Record<string, Row[] | undefined>)[set] ?? [];
      const secrets = SECRET_VALUES[set] ?? {};
      this.rows.set(set, source.map((row) => ({ ...row, ...secrets })));
      const columns = new Set<string>([...known, ...SECRET_COLUMNS.filter((c) => c in secrets), ...(options.extraColumns?.[set] ?? [])]);
      for (const row of source) for (const key of Object.keys(row)) if (!key.includes("@")) columns.add(key);
      for (const missing of options.missingColumns?.[set] ?? []) columns.delete(missing);
      this.columns.set(set, columns);
    }
  }

  /** The server's URL, e.g. http://127.0.0.1:53117 (no trailing slash). */
  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error("the test server is not listening");
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.started = Date.now();
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(0, "127.0.0.1", () => resolve());
    });
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Requests that selected a secret column, asked for `$expand`, were not GETs or had no `$select`. */
  violations(): string[] {
    const found: string[] = [];
    for (const r of this.requests) {
      if (r.method !== "GET") found.push(`#${r.n} ${r.method} ${r.url}`);
      if (/\$expand=/i.test(r.url)) found.push(`#${r.n} $expand: ${r.url}`);
      const select = /[?&]\$select=([^&]*)/.exec(r.url)?.[1];
      if (r.target !== RCO && select === undefined) found.push(`#${r.n} no $select: ${r.url}`);
      for (const column of select?.split(",") ?? []) {
        if ((SECRET_COLUMNS as readonly string[]).includes(column.trim())) found.push(`#${r.n} secret column ${column}`);
      }
    }
    return found;
  }

  /**
   * Requests sent again (same path and query) before the Retry-After of the 429 that answered them had
   * passed. (Other requests may legitimately have been on their way when a 429 left the server, so they
   * are not judged here; test/cli/scanReader.test.ts checks the wait across tables.)
   */
  retriesBeforeRetryAfter(): string[] {
    const early: string[] = [];
    for (const r of this.requests) {
      if (r.status !== 429 || r.retryAfter === undefined) continue;
      const until = r.at + r.retryAfter * 1000;
      for (const later of this.requests) {
        if (later.n > r.n && later.url === r.url && later.at < until) early.push(`#${later.n} ${later.url} ${until - later.at} ms early`);
      }
    }
    return early;
  }

  private record(req: http.IncomingMessage, target: string, authorized: boolean): ServedRequest {
    const entry: ServedRequest = {
      n: this.requests.length + 1,
      method: req.method ?? "",
      url: safeDecode(req.url ?? ""),
      target,
      prefer: preferOf(req),
      authorized,
      status: 0,
      at: Date.now() - this.started,
    };
    this.requests.push(entry);
    return entry;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    const target = path.startsWith(API_PATH) ? (path.slice(API_PATH.length).split("(")[0] ?? "") : path;
    const authorized = req.headers.authorization === `Bearer ${this.token}`;
    const entry = this.record(req, target, authorized);
    const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
      entry.status = status;
      const write = (): void => {
        res.writeHead(status, { "Content-Type": "application/json; odata.metadata=minimal", "OData-Version": "4.0", ...headers });
        res.end(body);
      };
      if (this.options.latencyMs) setTimeout(write, this.options.latencyMs);
      else write();
    };
    // Read and drop any request body.
    req.resume();

    if (entry.n > (this.options.maxRequests ?? 100_000)) return send(500, odataError("0x80040216", "The test server's request limit was reached."));
    if (!authorized) {
      return send(401, "", { "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", resource_id="' + this.url + '"' });
    }
    if (this.options.noOrg) return send(404, odataError("0x80040217", "The organization was not found."));
    if (req.method !== "GET") return send(405, odataError("0x8006088a", `The HTTP method ${req.method} is not allowed by the test server.`));
    if (!path.startsWith(API_PATH)) return send(404, odataError("0x8006088a", `Resource not found for the segment '${path}'.`));
    if (this.options.throttleFirstPerTable !== undefined && !this.throttled.has(target)) {
      this.throttled.add(target);
      entry.retryAfter = this.options.throttleFirstPerTable;
      return send(429, odataError("0x80072322", "Number of requests exceeded the limit of 6000 over time window of 300 seconds."), {
        "Retry-After": String(this.options.throttleFirstPerTable),
      });
    }
    if (this.options.unavailableRequests?.includes(entry.n)) return send(503, odataError("0x80040216", "The service is temporarily unavailable."));
    if (this.options.forbidden?.includes(target)) {
      const entity = ENTITY_OF[target] ?? target;
      return send(
        403,
        odataError(
          "0x80040220",
          `Principal user (Id=00000000-0000-0000-0000-000000000001, type=8) is missing prvRead${entity} privilege on entity '${entity}'.`,
        ),
      );
    }
    try {
      if (target === RCO) return send(200, JSON.stringify(this.retrieveCurrentOrganization()));
      const rows = this.rows.get(target);
      if (!rows) return send(404, odataError("0x80060888", `Resource not found for the segment '${target}'.`));
      return send(200, JSON.stringify(this.page(target, rows, url, preferOf(req))), { "Preference-Applied": this.applied(preferOf(req)) });
    } catch (e) {
      if (e instanceof BadRequest) return send(400, odataError("0x80060888", e.message));
      throw e;
    }
  }

  private applied(prefer: string | undefined): string {
    const p = preferences(prefer);
    const size = Math.min(p.maxPageSize ?? 5000, this.options.pageSize ?? 5000);
    return [`odata.maxpagesize=${size}`, ...(p.annotations ? ['odata.include-annotations="*"'] : [])].join(",");
  }

  private retrieveCurrentOrganization(): Row {
    const detail = this.options.dump.RetrieveCurrentOrganization?.Detail ?? null;
    return { "@odata.context": `${this.url}${API_PATH}$metadata#Microsoft.Dynamics.CRM.RetrieveCurrentOrganizationResponse`, Detail: detail };
  }

  private page(set: string, rows: Row[], url: URL, prefer: string | undefined): Row {
    const params = url.searchParams;
    for (const name of params.keys()) {
      if (!["$select", "$filter", "$skiptoken"].includes(name)) {
        throw new BadRequest(name === "$expand" ? "$expand is not served by the test server." : `The query parameter ${name} is not supported.`);
      }
    }
    const columns = this.columns.get(set)!;
    const selectText = params.get("$select");
    const select = selectText === null ? null : selectText.split(",").map((c) => c.trim());
    for (const column of select ?? []) {
      if (!columns.has(column)) throw new BadRequest(`Could not find a property named '${column}' on type 'Microsoft.Dynamics.CRM.${ENTITY_OF[set]}'.`);
    }
    const filter = params.get("$filter");
    const conditions = filter ? filter.split(/\s+and\s+/i).map(parseCondition) : [];
    const skip = parseSkipToken(params.get("$skiptoken"));
    const { maxPageSize, annotations } = preferences(prefer);
    const size = Math.max(1, Math.min(maxPageSize ?? 5000, this.options.pageSize ?? 5000, 5000));

    const value: Row[] = [];
    let index = skip;
    let more = false;
    for (; index < rows.length; index++) {
      const row = rows[index];
      if (!conditions.every((c) => holds(row, c))) continue;
      if (value.length === size) {
        more = true;
        break;
      }
      value.push(shape(row, select, annotations, this.options.sendSecretsAnyway ? Object.keys(SECRET_VALUES[set] ?? {}) : []));
    }
    const body: Row = { "@odata.context": `${this.url}${API_PATH}$metadata#${set}`, value };
    if (more) {
      const next = new URLSearchParams();
      if (selectText !== null) next.set("$select", selectText);
      if (filter) next.set("$filter", filter);
      next.set("$skiptoken", `<cookie pagenumber="${Math.floor(skip / size) + 2}" pagingcookie="" istracking="False" next="${index}" />`);
      body["@odata.nextLink"] = `${this.url}${API_PATH}${set}?${next.toString().replace(/\+/g, "%20")}`;
    }
    return body;
  }
}

function parseSkipToken(token: string | null): number {
  if (token === null) return 0;
  const m = /next="(\d+)"/.exec(token);
  if (!m) throw new BadRequest("The $skiptoken is not valid.");
  return Number(m[1]);
}

function shape(row: Row, select: string[] | null, annotations: boolean, alwaysSent: string[]): Row {
  const out: Row = {};
  if (typeof row["@odata.etag"] === "string") out["@odata.etag"] = row["@odata.etag"];
  for (const key of Object.keys(row)) {
    if (key.startsWith("@")) continue;
    const at = key.indexOf("@");
    const column = at < 0 ? key : key.slice(0, at);
    if (select && !select.includes(column) && !alwaysSent.includes(column)) continue;
    if (at >= 0 && !annotations) continue;
    out[key] = row[key];
  }
  return out;
}

const preferOf = (req: http.IncomingMessage): string | undefined => {
  const value = req.headers.prefer;
  return Array.isArray(value) ? value.join(",") : value;
};

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Starts a server on the demo org (or the given dump). Stop it with `stop()`. */
export async function startDataverseServer(options: DataverseServerOptions): Promise<DataverseServer> {
  return new DataverseServer(options).start();
}
