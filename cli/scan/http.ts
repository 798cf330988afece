import type { Row } from "../../MailboxHealth/data/webApiClient";

/**
 * Reads a Dataverse org over the Web API, the way Dataverse wants to be read (docs/cli.md, "What it
 * reads"): one paged GET per table, `Prefer: odata.maxpagesize` and `odata.include-annotations`,
 * `@odata.nextLink` followed to the end whatever page size the server chooses; on 429 a wait of
 * `Retry-After` before anything else is sent; transient 5xx and network errors retried with backoff; a
 * bounded number of requests in flight. The token goes in the Authorization header to the org's own
 * origin only, and never into an error, a message or a log.
 */

export const API_VERSION = "v9.2";
/** The largest page Dataverse serves (Page results using OData). */
export const MAX_PAGE_SIZE = 5000;

/** Why the scan cannot go on at all: the command exits with status 2. */
export type FatalKind = "auth" | "unreachable" | "tls" | "no-org" | "timeout";

export class ScanFatalError extends Error {
  constructor(
    readonly kind: FatalKind,
    readonly host: string,
    readonly detail = "",
  ) {
    super(`${kind}: ${host}${detail ? ` (${detail})` : ""}`);
    this.name = "ScanFatalError";
  }
}

/** One table (or function) could not be read; the scan goes on without it. */
export class TableReadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "TableReadError";
  }
}

export type ProgressEvent =
  | { kind: "page"; target: string; rows: number; pages: number }
  | { kind: "wait"; target: string; seconds: number; why: "throttled" | "retry" }
  | { kind: "done"; target: string; rows: number; pages: number };

export interface ReaderOptions {
  /** The org's origin, e.g. https://contoso.crm4.dynamics.com (checked by orgUrl.ts). */
  origin: string;
  /** The access token; asked again for each request (the credential caches and refreshes it). */
  token: () => Promise<string>;
  fetch?: typeof fetch;
  /** Requests in flight at most (Dataverse allows 52 concurrent requests per user; we stay far below). */
  maxInFlight?: number;
  /** Sends of one request at most, 429s included. */
  maxAttempts?: number;
  /** First backoff for 5xx and network errors; doubles each time. */
  backoffMs?: number;
  /** `odata.maxpagesize` asked for. */
  pageSize?: number;
  /** Per-request time limit. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (event: ProgressEvent) => void;
}

const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
/** Network errors worth another try; a refused connection, an unknown host or a TLS failure is not. */
const TRANSIENT_CODES = new Set(["ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "ECONNABORTED", "EHOSTUNREACH", "ENETUNREACH"]);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/i;

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The code of a fetch failure: undici puts it on `cause` (or on the cause's cause). */
function networkCode(e: unknown): string {
  let cause: unknown = e;
  for (let i = 0; i < 4 && cause && typeof cause === "object"; i++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string" && code !== "ERR_INVALID_ARG_TYPE") return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return "";
}

/** Seconds from a Retry-After header: delta-seconds (decimals accepted) or an HTTP date. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** A bounded pool of request slots. */
class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async take(): Promise<void> {
    if (this.active < this.size) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}

export class DataverseReader {
  /** Requests sent, retries included. */
  requests = 0;
  private readonly slots: Slots;
  /** No request leaves before this time (set by a 429's Retry-After). */
  private notBefore = 0;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly fetch: typeof fetch;
  readonly apiBase: string;

  constructor(private readonly options: ReaderOptions) {
    this.slots = new Slots(Math.max(1, options.maxInFlight ?? 4));
    this.sleep = options.sleep ?? defaultSleep;
    this.fetch = options.fetch ?? fetch;
    this.apiBase = `${options.origin}/api/data/${API_VERSION}/`;
  }

  private get host(): string {
    return new URL(this.options.origin).host;
  }

  /** Every row of `set`, all pages joined, in the server's order. */
  async readAll(set: string, query: string): Promise<{ rows: Row[]; pages: number }> {
    const rows: Row[] = [];
    let pages = 0;
    let url: string | null = `${this.apiBase}${set}?${query}`;
    const seen = new Set<string>();
    while (url) {
      // A server that hands out the same link again would loop for ever.
      if (seen.has(url)) throw new TableReadError(0, undefined, "the server returned the same next page link twice");
      seen.add(url);
      const body = await this.get(url, set);
      const value = body.value;
      if (!Array.isArray(value)) throw new TableReadError(0, undefined, "the response has no value array");
      for (const row of value) rows.push(row as Row);
      pages++;
      this.options.onProgress?.({ kind: "page", target: set, rows: rows.length, pages });
      const next = body["@odata.nextLink"];
      url = typeof next === "string" && next ? this.sameOrigin(next) : null;
    }
    this.options.onProgress?.({ kind: "done", target: set, rows: rows.length, pages });
    return { rows, pages };
  }

  /** `RetrieveCurrentOrganization(AccessType='Default')` → its Detail. */
  async retrieveCurrentOrganization(): Promise<Row | null> {
    const url = `${this.apiBase}RetrieveCurrentOrganization(AccessType=@p)?@p=Microsoft.Dynamics.CRM.EndpointAccessType'Default'`;
    const body = await this.get(url, "RetrieveCurrentOrganization");
    const detail = body.Detail;
    this.options.onProgress?.({ kind: "done", target: "RetrieveCurrentOrganization", rows: 1, pages: 1 });
    return detail && typeof detail === "object" && !Array.isArray(detail) ? (detail as Row) : null;
  }

  /** The token is only ever sent to the org's own origin: a next link elsewhere is refused. */
  private sameOrigin(link: string): string {
    let url: URL;
    try {
      url = new URL(link, this.apiBase);
    } catch {
      throw new TableReadError(0, undefined, "the next page link is not a URL");
    }
    if (url.origin !== this.options.origin) throw new TableReadError(0, undefined, "the next page link points to another host");
    return url.href;
  }

  private async get(url: string, target: string): Promise<Row> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    let backoff = this.options.backoffMs ?? 1000;
    for (let attempt = 1; ; attempt++) {
      await this.waitForLimit(target);
      const outcome = await this.send(url);
      if (outcome.kind === "ok") return outcome.body;
      const last = attempt >= maxAttempts;
      if (outcome.kind === "throttled") {
        this.notBefore = Math.max(this.notBefore, Date.now() + outcome.seconds * 1000);
        if (last) throw new TableReadError(429, outcome.code, `429 still throttled after ${attempt} attempts`);
        continue;
      }
      if (outcome.kind === "transient") {
        if (last) {
          if (outcome.network) throw new ScanFatalError("unreachable", this.host, outcome.reason);
          throw new TableReadError(outcome.status, outcome.code, `${outcome.reason} after ${attempt} attempts`);
        }
        this.options.onProgress?.({ kind: "wait", target, seconds: backoff / 1000, why: "retry" });
        await this.sleep(backoff);
        backoff *= 2;
        continue;
      }
      throw outcome.error;
    }
  }

  private async waitForLimit(target: string): Promise<void> {
    for (;;) {
      const wait = this.notBefore - Date.now();
      if (wait <= 0) return;
      this.options.onProgress?.({ kind: "wait", target, seconds: Math.ceil(wait / 1000), why: "throttled" });
      await this.sleep(wait);
    }
  }

  private async send(
    url: string,
  ): Promise<
    | { kind: "ok"; body: Row }
    | { kind: "throttled"; seconds: number; code?: string }
    | { kind: "transient"; status: number; code?: string; reason: string; network: boolean }
    | { kind: "error"; error: Error }
  > {
    await this.slots.take();
    let response: Response;
    let text: string;
    try {
      const token = await this.options.token();
      this.requests++;
      response = await this.fetch(url, {
        method: "GET",
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: "application/json",
          "OData-MaxVersion": "4.0",
          "OData-Version": "4.0",
          Prefer: `odata.maxpagesize=${this.options.pageSize ?? MAX_PAGE_SIZE},odata.include-annotations="*"`,
        },
        redirect: "error",
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 120_000),
      });
      text = await response.text();
    } catch (e) {
      const name = e && typeof e === "object" ? (e as { name?: unknown }).name : undefined;
      if (name === "TimeoutError") return { kind: "transient", status: 0, reason: "no answer in time", network: true };
      const code = networkCode(e);
      if (TLS_CODE.test(code)) return { kind: "error", error: new ScanFatalError("tls", this.host, code) };
      if (TRANSIENT_CODES.has(code)) return { kind: "transient", status: 0, reason: code, network: true };
      if (e instanceof ScanFatalError || e instanceof TableReadError) return { kind: "error", error: e };
      if (code) return { kind: "error", error: new ScanFatalError("unreachable", this.host, code) };
      // Not a network failure: the credential failed, or something unexpected. Its text stays out.
      return { kind: "error", error: e instanceof Error ? e : new Error(String(e)) };
    } finally {
      this.slots.give();
    }
    const status = response.status;
    if (status >= 200 && status < 300) {
      try {
        const body = JSON.parse(text) as unknown;
        if (body && typeof body === "object" && !Array.isArray(body)) return { kind: "ok", body: body as Row };
      } catch {
        // fall through
      }
      return { kind: "error", error: new TableReadError(status, undefined, "the answer is not JSON") };
    }
    const { code, message } = odataError(text);
    if (status === 401) return { kind: "error", error: new ScanFatalError("auth", this.host) };
    if (status === 429) {
      return { kind: "throttled", seconds: retryAfterSeconds(response.headers.get("retry-after")) ?? 5, code };
    }
    if (TRANSIENT_STATUS.has(status)) return { kind: "transient", status, code, reason: `${status}${code ? ` ${code}` : ""}`, network: false };
    return { kind: "error", error: new TableReadError(status, code, [String(status), code, message].filter(Boolean).join(" ")) };
  }
}

/** The `error.code` and a one-line, bounded `error.message` of an OData error body. */
export function odataError(text: string): { code?: string; message?: string } {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const code = typeof body.error?.code === "string" ? body.error.code : undefined;
    const raw = typeof body.error?.message === "string" ? body.error.message : undefined;
    // eslint-disable-next-line no-control-regex -- control characters are what is removed
    const message = raw?.replace(/[\u0000-\u001f\u007f-\u009f\u001b]/g, " ").replace(/\s+/g, " ").trim().slice(0, 300);
    return { code, message };
  } catch {
    return {};
  }
}
