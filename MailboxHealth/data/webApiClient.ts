/**
 * The one data-access interface of the diagnosis. Implemented once per host:
 * the PCF `context.webAPI` (pcfWebApiClient.ts), the org dump (command line and playground),
 * and later live HTTP. Options strings are Web API query options (`?$select=…&$expand=…`).
 */

export type Row = Record<string, unknown>;

export interface WebApiClient {
  retrieveRecord(entityLogicalName: string, id: string, options: string): Promise<Row>;
  retrieveMultipleRecords(entityLogicalName: string, options: string): Promise<Row[]>;
  /**
   * `RetrieveCurrentOrganization(AccessType='Default')` → its `Detail` (OrganizationDetail),
   * or null when the org has none to give (on-premises).
   */
  retrieveCurrentOrganization(): Promise<Row | null>;
}

/**
 * The one write the control makes: `context.webAPI.updateRecord`. Kept apart from WebApiClient so that
 * the readers (org dump, command line) stay read-only; only the PCF host and the playground implement it.
 */
export interface WebApiWriter {
  updateRecord(entityLogicalName: string, id: string, data: Row): Promise<void>;
}
