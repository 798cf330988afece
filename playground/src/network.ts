import type { Row } from "../../MailboxHealth/data/webApiClient";
import type { DemoOrg } from "./org";

/**
 * What stands between the control and the demo org: the requests the control sends (counted and
 * listed), and the faults the page injects into them. Failures take the shapes a model-driven app
 * gives (MailboxHealth/data/errors.ts): Xrm-style `{ errorCode, code, message }` objects from
 * `context.webAPI`, HTTP responses from `fetch`, and a rejected `TypeError("Failed to fetch")` when
 * the network is gone.
 */

export interface Faults {
  /** The user's security role has no read privilege on email server profiles. */
  noProfilePrivilege: boolean;
  /** Every request fails with 500. */
  serverError: boolean;
  /** Dataverse's service protection limits: 429 with Retry-After until this time (performance.now()). */
  throttledUntil: number | null;
  /** Each request takes this long. */
  latencyMs: number;
  /** The app knows it is offline: client.isOffline() is true. */
  offline: boolean;
  /** The network is gone but the app has not noticed: requests fail to fetch. */
  networkLost: boolean;
  /**
   * Dataverse refuses the control's writes as it refuses a user without the privilege: a Test & Enable
   * without prvWriteMailbox, an approval without prvApproveRejectEmailAddress or the Microsoft 365 role.
   */
  writeRefused: boolean;
}

export const NO_FAULTS: Faults = {
  noProfilePrivilege: false,
  serverError: false,
  throttledUntil: null,
  latencyMs: 0,
  offline: false,
  networkLost: false,
  writeRefused: false,
};

/** Throttling lasts this long, and says so in Retry-After. */
export const THROTTLE_SECONDS = 5;
export const SLOW_MS = 1500;

export type RequestKind = "retrieveRecord" | "retrieveMultipleRecords" | "RetrieveCurrentOrganization" | "updateRecord";

/**
 * Every Web API call the page answered, reads and writes, as `window.mailboxHealthPlayground.calls`
 * shows them to tests outside the project: method, table, record id, and the body of a write.
 */
export interface WebApiCall {
  method: "GET" | "PATCH";
  table: string;
  id?: string;
  options?: string;
  body?: Row;
}

export interface RequestEntry {
  n: number;
  kind: RequestKind;
  table?: string;
  options?: string;
  /** "ok", or what failed: "no privilege", "500", "429", "network". */
  outcome: string;
  ms?: number;
}

/** The organization URL the control gets from context.page.getClientUrl(); its one fetch is answered here. */
export const CLIENT_URL = "https://contoso-sales.crm4.dynamics.com";

const PRIVILEGE_ERROR = {
  errorCode: 2147746336,
  code: "0x80040220",
  message:
    "Principal user (Id=5b1f0c7e-3a52-4b8e-9d61-0c2f3e8a9b17, type=8, roleCount=1, privilegeCount=312, accessMode=0), is missing prvReadEmailServerProfile privilege (Id=7b4d2c1e-8f3a-4e6b-a9d0-2c5e1f7b3a64) on OTC=9605 for entity 'emailserverprofile'.",
};
const WRITE_REFUSED = {
  errorCode: 2147746336,
  code: "0x80040220",
  message:
    "Principal user (Id=5b1f0c7e-3a52-4b8e-9d61-0c2f3e8a9b17, type=8, roleCount=1, privilegeCount=312, accessMode=0), is missing prvWriteMailbox privilege (Id=2a7e1c3b-5d4f-4e8a-9b6c-7d1e0f3a2b58) on OTC=9606 for entity 'mailbox'.",
};
/** The platform's refusal of an approval by someone without the Microsoft 365 role (docs/rules.md, "Writes"). */
const APPROVE_REFUSED = {
  errorCode: 2147746326,
  code: "0x80040216",
  message:
    "This email address can only be approved by a user with the Global Administrator or Exchange Administrator role in Office 365 or the Delegated Mailbox Approver role in Dynamics 365.",
};
const SERVER_ERROR = { status: 500, errorCode: 2147762512, code: "0x80044150", message: "Generic SQL error." };
const THROTTLE_MESSAGE = "Number of requests exceeded the limit of 6000 over time window of 300 seconds.";

type Failure =
  | { kind: "network" }
  | { kind: "privilege" }
  | { kind: "server" }
  | { kind: "throttled"; retryAfterSeconds: number }
  | { kind: "write-refused"; approve: boolean };

export class Network {
  faults: Faults = { ...NO_FAULTS };
  readonly requests: RequestEntry[] = [];
  readonly calls: WebApiCall[] = [];
  /** The org's answer to a write that got through: apply it (and let server-side sync react). */
  onWrite: ((table: string, id: string, data: Row) => void) | undefined;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly org: DemoOrg,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** context.webAPI as a model-driven app gives it (the reads the control uses). */
  webAPI() {
    return {
      retrieveRecord: (table: string, id: string, options?: string): Promise<Row> =>
        this.call({ method: "GET", table, id, options }) ??
        this.serve({ kind: "retrieveRecord", table, options }, () => this.org.client.retrieveRecord(table, id, options ?? "")).catch(
          (e: unknown) => rejectLikeXrm(xrmError(e)),
        ),
      retrieveMultipleRecords: (table: string, options?: string): Promise<{ entities: Row[]; nextLink?: string }> =>
        this.call({ method: "GET", table, options }) ??
        this.serve({ kind: "retrieveMultipleRecords", table, options }, () =>
          this.org.client.retrieveMultipleRecords(table, options ?? "").then((entities) => ({ entities })),
        ).catch((e: unknown) => rejectLikeXrm(xrmError(e))),
      createRecord: () => rejectLikeXrm(readOnly("createRecord")),
      updateRecord: (table: string, id: string, data: Row): Promise<{ entityType: string; id: string }> =>
        this.call({ method: "PATCH", table, id, body: { ...data } }) ??
        this.serve({ kind: "updateRecord", table, options: JSON.stringify(data) }, () => {
          if (table !== "mailbox" || !this.onWrite) return Promise.reject(readOnly(`updateRecord on ${table}`));
          this.onWrite(table, id, data);
          return Promise.resolve({ entityType: table, id });
        }).catch((e: unknown) => rejectLikeXrm(xrmError(e))),
      deleteRecord: () => rejectLikeXrm(readOnly("deleteRecord")),
    };
  }

  /**
   * The org's answer to `fetch(clientUrl + "/api/data/v9.2/RetrieveCurrentOrganization(…)")`, as an
   * HTTP response; undefined for any other URL.
   */
  fetch(url: string): Promise<Response> | undefined {
    if (!url.startsWith(CLIENT_URL + "/api/data/")) return undefined;
    if (!url.includes("/RetrieveCurrentOrganization(")) {
      return Promise.resolve(json(404, { error: { code: "0x80060888", message: "Resource not found for the segment." } }));
    }
    this.call({ method: "GET", table: "RetrieveCurrentOrganization" });
    const entry: Omit<RequestEntry, "n" | "outcome"> = { kind: "RetrieveCurrentOrganization" };
    return this.serve(entry, () =>
      this.org.client.retrieveCurrentOrganization().then((detail) => json(200, detail ? { Detail: detail } : {})),
    ).catch((e: unknown) => {
      if (e instanceof TypeError) throw e;
      const failure = e as { status?: number; code?: string; message?: string; retryAfterSeconds?: number };
      const headers: Record<string, string> = failure.retryAfterSeconds ? { "Retry-After": String(failure.retryAfterSeconds) } : {};
      return json(failure.status ?? 500, { error: { code: failure.code ?? "0x80040216", message: failure.message ?? "" } }, headers);
    });
  }

  clear(): void {
    this.requests.length = 0;
    this.calls.length = 0;
    this.emit();
  }

  /** Records the call; always undefined, so that `this.call(…) ?? answer` reads as "record, then answer". */
  private call(call: WebApiCall): undefined {
    this.calls.push(call);
    return undefined;
  }

  private failureFor(entry: Omit<RequestEntry, "n" | "outcome">): Failure | undefined {
    const f = this.faults;
    if (f.offline || f.networkLost) return { kind: "network" };
    if (f.throttledUntil !== null) {
      const left = f.throttledUntil - this.clock();
      if (left > 0) return { kind: "throttled", retryAfterSeconds: Math.max(1, Math.ceil(left / 1000)) };
    }
    if (f.serverError) return { kind: "server" };
    if (f.writeRefused && entry.kind === "updateRecord") return { kind: "write-refused", approve: /emailrouteraccessapproval/.test(entry.options ?? "") };
    if (f.noProfilePrivilege && readsProfiles(entry)) return { kind: "privilege" };
    return undefined;
  }

  private async serve<T>(request: Omit<RequestEntry, "n" | "outcome">, answer: () => Promise<T>): Promise<T> {
    const entry: RequestEntry = { ...request, n: this.requests.length + 1, outcome: "…" };
    this.requests.push(entry);
    this.emit();
    const started = performance.now();
    const settle = (outcome: string) => {
      entry.outcome = outcome;
      entry.ms = Math.round(performance.now() - started);
      this.emit();
    };
    if (this.faults.latencyMs > 0) await delay(this.faults.latencyMs);
    const failure = this.failureFor(request);
    if (failure) {
      const outcomes: Record<Failure["kind"], string> = { network: "network", privilege: "no privilege", server: "500", throttled: "429", "write-refused": "no privilege" };
      settle(outcomes[failure.kind]);
      throw failureError(failure);
    }
    try {
      const value = await answer();
      settle("ok");
      return value;
    } catch (e) {
      settle(String((e as { status?: number }).status ?? "error"));
      throw e;
    }
  }

  private emit(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function readsProfiles(entry: Omit<RequestEntry, "n" | "outcome">): boolean {
  if (entry.table === "emailserverprofile") return true;
  const expand = /[?&]\$expand=(.*)$/.exec(entry.options ?? "");
  return !!expand && /(^|[(,;=])emailserverprofile\(/.test(expand[1]);
}

function failureError(failure: Failure): unknown {
  switch (failure.kind) {
    case "network":
      return new TypeError("Failed to fetch");
    case "privilege":
      return { ...PRIVILEGE_ERROR };
    case "server":
      return { ...SERVER_ERROR };
    case "write-refused":
      return failure.approve ? { ...APPROVE_REFUSED } : { ...WRITE_REFUSED };
    case "throttled":
      return { status: 429, code: "0x80072322", errorCode: 2147951394, message: THROTTLE_MESSAGE, retryAfterSeconds: failure.retryAfterSeconds };
  }
}

/** A rejection with a plain object, as `Xrm.WebApi` (and so `context.webAPI`) gives one: not an Error. */
function rejectLikeXrm(reason: unknown): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the host's shape, on purpose
  return Promise.reject(reason);
}

/** context.webAPI rejects with plain objects, not Error instances; a lost network with the TypeError. */
function xrmError(e: unknown): unknown {
  if (e instanceof TypeError) return e;
  if (e instanceof Error) {
    const status = (e as { status?: number }).status;
    return { errorCode: status === 404 ? 2147746327 : 2147746326, code: status === 404 ? "0x80040217" : "0x80040216", message: e.message, status };
  }
  return e;
}

function readOnly(method: string) {
  return { errorCode: 2147746326, code: "0x80040216", message: `The playground's org is read-only: ${method} is not answered.` };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; odata.metadata=minimal", "OData-Version": "4.0", ...headers },
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The control's one direct call, `fetch(clientUrl + "/api/data/v9.2/RetrieveCurrentOrganization(…)")`,
 * goes to the demo org like its webAPI reads; any other URL goes to the real fetch.
 */
export function installFetch(win: Window & typeof globalThis, network: Network): void {
  const realFetch = win.fetch.bind(win);
  win.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    return network.fetch(url) ?? realFetch(input, init);
  };
}
