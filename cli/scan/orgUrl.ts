import { CliError } from "../errors";

/**
 * The org URL of `scan`: `https://` only, except `http://` to a loopback host (127.0.0.1, ::1,
 * localhost) for local test servers. Anything else is refused before a request is sent. The URL is
 * never echoed back in an error (it could carry a user name and password).
 */

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/** The org's origin (scheme, host and port), e.g. https://contoso.crm4.dynamics.com. */
export function parseOrgUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new CliError("Cli_Error_Scan_BadUrl");
  }
  if (url.username || url.password) throw new CliError("Cli_Error_Scan_UrlCredentials");
  if (url.protocol === "http:") {
    if (!LOOPBACK.has(url.hostname.toLowerCase())) throw new CliError("Cli_Error_Scan_HttpUrl");
  } else if (url.protocol !== "https:") {
    throw new CliError("Cli_Error_Scan_BadUrl");
  }
  if (!url.hostname) throw new CliError("Cli_Error_Scan_BadUrl");
  return url.origin;
}

/** Alerts since: `30d` (days before now), an ISO date, or `all`. */
export type AlertsSince = { days: number } | { date: Date } | "all";

export const DEFAULT_ALERTS_SINCE: AlertsSince = { days: 30 };

export function alertsSinceDate(since: AlertsSince, now: Date): Date | null {
  if (since === "all") return null;
  if ("date" in since) return since.date;
  return new Date(now.getTime() - since.days * 24 * 60 * 60 * 1000);
}
