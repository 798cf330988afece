/**
 * The Web API boundary for the action tests: reads answered by the real org-dump client, writes applied to
 * the dump's rows the way Dataverse stores them, every request recorded, and failures injected per call.
 */
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import type { Row, WebApiClient, WebApiWriter } from "../../MailboxHealth/data/webApiClient";

export interface Request {
  method: "GET" | "PATCH";
  table: string;
  id?: string;
  options?: string;
  body?: Row;
}

export class FakeDataverse implements WebApiClient, WebApiWriter {
  readonly requests: Request[] = [];
  /** The next write fails with this (then it is cleared). */
  failNextWrite: unknown = undefined;
  /** Every read fails with this while set. */
  failReads: unknown = undefined;
  /** Called after each read of the mailbox alone (the wait's poll): lets a test play the server. */
  onPoll: ((n: number) => void) | undefined;
  private polls = 0;

  constructor(readonly dump: OrgDump) {}

  get writes(): Request[] {
    return this.requests.filter((r) => r.method === "PATCH");
  }

  get polled(): number {
    return this.polls;
  }

  async retrieveRecord(table: string, id: string, options: string): Promise<Row> {
    this.requests.push({ method: "GET", table, id, options });
    if (this.failReads !== undefined) throw this.failReads;
    const row = await new OrgDumpClient(this.dump).retrieveRecord(table, id, options);
    if (table === "mailbox" && options.includes("testemailconfigurationscheduled") && !options.includes("$expand")) {
      this.polls++;
      this.onPoll?.(this.polls);
    }
    return row;
  }

  async retrieveMultipleRecords(table: string, options: string): Promise<Row[]> {
    this.requests.push({ method: "GET", table, options });
    if (this.failReads !== undefined) throw this.failReads;
    return new OrgDumpClient(this.dump).retrieveMultipleRecords(table, options);
  }

  async retrieveCurrentOrganization(): Promise<Row | null> {
    this.requests.push({ method: "GET", table: "RetrieveCurrentOrganization" });
    return new OrgDumpClient(this.dump).retrieveCurrentOrganization();
  }

  updateRecord(table: string, id: string, data: Row): Promise<void> {
    this.requests.push({ method: "PATCH", table, id, body: { ...data } });
    const failure = this.failNextWrite;
    this.failNextWrite = undefined;
    if (failure !== undefined) return Promise.reject(failure as Error);
    const row = this.mailbox(id);
    if (!row) return Promise.reject(Object.assign(new Error("Does not exist"), { status: 404 }));
    Object.assign(row, data);
    return Promise.resolve();
  }

  mailbox(id: string): Row | undefined {
    return this.dump.mailboxes?.find((row) => String(row.mailboxid).toLowerCase() === id.toLowerCase());
  }
}
