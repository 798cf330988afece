import type { DataError, DataErrorKind } from "../model/snapshot";

/**
 * Turns whatever a host rejected with into a DataError.
 * Model-driven apps reject `context.webAPI` calls with `{ errorCode, message, code }` (no HTTP status);
 * our own fetch and the org-dump client reject with `{ status, message, retryAfterSeconds }`.
 */

/** Dataverse error codes (hex, as in `code`; `errorCode` carries the same number unsigned) and what they mean. */
const CODE_KINDS: Record<string, DataErrorKind> = {
  "0x80040220": "privilege",
  "0x8004140b": "privilege",
  "0x80048306": "privilege",
  "0x80040217": "not-found",
  // Service protection limits: number of requests, execution time, concurrent requests.
  "0x80072322": "throttled",
  "0x80072321": "throttled",
  "0x80072326": "throttled",
};

/** A code as the keys of CODE_KINDS write it; a value of any other form matches none of them. */
function hexCode(value: unknown): string {
  if (typeof value === "number") return "0x" + (value >>> 0).toString(16);
  return typeof value === "string" ? value.toLowerCase() : "";
}

export function toDataError(reason: unknown, offline?: boolean): DataError {
  let message = "";
  let status: number | undefined;
  let retryAfterSeconds: number | undefined;
  const coded: DataErrorKind[] = [];
  if (typeof reason === "string") {
    message = reason;
  } else if (reason && typeof reason === "object") {
    const r = reason as Record<string, unknown>;
    if (typeof r.message === "string") message = r.message;
    for (const name of ["status", "httpStatusCode", "statusCode"]) {
      const s = r[name];
      if (typeof s === "number") status = s;
    }
    const retry = r.retryAfterSeconds;
    if (typeof retry === "number" && retry >= 0) retryAfterSeconds = retry;
    for (const name of ["code", "errorCode"]) coded.push(CODE_KINDS[hexCode(r[name])]);
  }
  // A DataError passed on (ours, or a host's that names its kind) keeps its kind, and is copied like any other error.
  const kind = isDataError(reason) ? reason.kind : classify(status, coded, message, offline);
  const error: DataError = { kind, message: message || kind };
  if (status !== undefined) error.status = status;
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return error;
}

function classify(status: number | undefined, coded: DataErrorKind[], message: string, offline: boolean | undefined): DataErrorKind {
  if (offline) return "offline";
  if (status === 429 || coded.includes("throttled")) return "throttled";
  if (status === 403 || coded.includes("privilege") || /\bprv[A-Z]\w+|privilege/i.test(message)) return "privilege";
  if (status === 404 || coded.includes("not-found") || /does not exist/i.test(message)) return "not-found";
  if (status === 0 || /failed to fetch|networkerror|network request failed|offline/i.test(message)) return "offline";
  if (status !== undefined && status >= 500) return "server";
  return "failed";
}

const KINDS: readonly DataErrorKind[] = ["privilege", "not-found", "throttled", "offline", "server", "unsupported", "failed"];

function isDataError(value: unknown): value is DataError {
  const v = value as Partial<DataError> | null;
  return !!v && typeof v === "object" && KINDS.includes(v.kind!) && typeof v.message === "string";
}
