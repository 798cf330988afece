import type { Row, WebApiClient } from "./webApiClient";

export interface RecordedRequest {
  kind: "retrieveRecord" | "retrieveMultipleRecords" | "retrieveCurrentOrganization";
  table?: string;
  options?: string;
  /** 1 + the highest round among the requests that had completed when this one started. */
  round: number;
}

/**
 * Wraps a client and records every request with its sequential round trip, so that tests and the
 * benchmark count requests and round trips instead of estimating them.
 */
export class RecordingClient implements WebApiClient {
  readonly requests: RecordedRequest[] = [];
  private completedRound = 0;

  constructor(private readonly inner: WebApiClient) {}

  get roundTrips(): number {
    return this.requests.reduce((max, r) => Math.max(max, r.round), 0);
  }

  retrieveRecord(table: string, id: string, options: string): Promise<Row> {
    return this.track({ kind: "retrieveRecord", table, options }, () => this.inner.retrieveRecord(table, id, options));
  }

  retrieveMultipleRecords(table: string, options: string): Promise<Row[]> {
    return this.track({ kind: "retrieveMultipleRecords", table, options }, () => this.inner.retrieveMultipleRecords(table, options));
  }

  retrieveCurrentOrganization(): Promise<Row | null> {
    return this.track({ kind: "retrieveCurrentOrganization" }, () => this.inner.retrieveCurrentOrganization());
  }

  private async track<T>(request: Omit<RecordedRequest, "round">, send: () => Promise<T>): Promise<T> {
    const round = this.completedRound + 1;
    this.requests.push({ ...request, round });
    try {
      return await send();
    } finally {
      this.completedRound = Math.max(this.completedRound, round);
    }
  }
}
