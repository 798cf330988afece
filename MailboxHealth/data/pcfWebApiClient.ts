/* eslint-disable @typescript-eslint/prefer-nullish-coalescing, @typescript-eslint/prefer-optional-chain -- `??` and `?.` are rewritten into longer code for Safari 13; here `||` and `&&` read the same, and an empty message falls back to the HTTP status. */
import type { Row, WebApiClient, WebApiWriter } from "./webApiClient";

/**
 * The function call, relative to the org URL. RetrieveCurrentOrganization is in the Web API of Dataverse
 * and of Dynamics 365 on-premises alike (docs/org-dump.md cites both references).
 */
export const CURRENT_ORGANIZATION_PATH =
  "/api/data/v9.2/RetrieveCurrentOrganization(AccessType=@p)?@p=Microsoft.Dynamics.CRM.EndpointAccessType'Default'";

type FetchLike = (url: string, init: { method: string; credentials: "same-origin"; headers: Record<string, string> }) => Promise<{
  ok: boolean;
  status: number;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
}>;

/**
 * The PCF host: `context.webAPI` for table reads, and a same-origin fetch for the one function call
 * (`context.webAPI` cannot call functions). The control runs in the org's own pages, so without
 * `getClientUrl()` the relative path reaches the same Web API. Without `fetch` the call cannot be made:
 * it fails as `unsupported`, the tenant stays unknown and the checks that need it say unverified.
 */
export class PcfWebApiClient implements WebApiClient, WebApiWriter {
  readonly retrieveRecord: (entityLogicalName: string, id: string, options: string) => Promise<Row>;
  readonly retrieveMultipleRecords: (entityLogicalName: string, options: string) => Promise<Row[]>;
  readonly updateRecord: (entityLogicalName: string, id: string, data: Row) => Promise<void>;
  readonly retrieveCurrentOrganization: () => Promise<Row | null>;

  // Closures rather than private members: the minified bundle shortens local names, not members.
  constructor(webAPI: ComponentFramework.WebApi, clientUrl: string | null, fetchImpl: FetchLike | undefined) {
    this.retrieveRecord = async (entityLogicalName, id, options) => await webAPI.retrieveRecord(entityLogicalName, id, options);
    this.retrieveMultipleRecords = async (entityLogicalName, options) => {
      const result = await webAPI.retrieveMultipleRecords(entityLogicalName, options);
      return result.entities;
    };
    this.updateRecord = (entityLogicalName, id, data) => webAPI.updateRecord(entityLogicalName, id, data).then(() => undefined);
    this.retrieveCurrentOrganization = async () => {
      if (!fetchImpl) {
        throw Object.assign(new Error("RetrieveCurrentOrganization"), { kind: "unsupported" });
      }
      const base = (clientUrl || "").replace(/\/+$/, "");
      const response = await fetchImpl(base + CURRENT_ORGANIZATION_PATH, {
        method: "GET",
        credentials: "same-origin",
        headers: { Accept: "application/json", "OData-MaxVersion": "4.0", "OData-Version": "4.0" },
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
        const error = (body && body.error) || {};
        const retryAfter = Number(response.headers.get("Retry-After"));
        throw Object.assign(new Error(error.message || `HTTP ${response.status}`), {
          status: response.status,
          code: error.code,
          ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
        });
      }
      const body = (await response.json()) as { Detail?: unknown } | null;
      const detail = body && body.Detail;
      return detail && typeof detail === "object" ? (detail as Row) : null;
    };
  }
}
