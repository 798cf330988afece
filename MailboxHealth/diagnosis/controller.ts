import type { DataError } from "../model/snapshot";
import { toDataError } from "../data/errors";
import { MailboxUnreadableError } from "../data/loadMailboxData";
import { mailboxProbeOptions } from "../data/queries";
import type { WebApiClient } from "../data/webApiClient";
import type { DiagnosisResult } from "./diagnose";
import { diagnoseMailbox } from "./diagnose";

export type CheckState =
  | { phase: "idle" }
  | { phase: "checking"; previous?: DiagnosisResult; checkedAt?: Date }
  | { phase: "done"; result: DiagnosisResult; checkedAt: Date }
  | {
      phase: "failed";
      error: DataError;
      previous?: DiagnosisResult;
      checkedAt?: Date;
      /** The host did not name the form's table, and no mailbox with the record's id could be read. */
      tableUnknown?: boolean;
    };

export interface ControllerOptions {
  client: WebApiClient;
  clientUrl: string | null;
  isOffline: () => boolean;
  now?: () => Date;
}

/**
 * Holds the state of the checks for one mailbox and runs them (on load, on Recheck, on Retry).
 * Plain TypeScript: the React view subscribes to it; index.ts creates it.
 * Every run settles into a state: no promise it starts can reject unhandled.
 */
export class DiagnosisController {
  private state: CheckState = { phase: "idle" };
  private listeners = new Set<() => void>();
  private run = 0;
  private disposed = false;
  private mailboxId: string | null = null;
  /** The host did not name the table: the first check reads the mailbox alone before all the rest. */
  private confirmTable = false;

  constructor(private readonly options: ControllerOptions) {}

  getState(): CheckState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Sets the mailbox to check; a new id clears the previous result. `confirmTable`: the host did not
   * say the record is a mailbox, so the first check reads only whether a mailbox with this id exists
   * (one request) and stops there, with one message, when it cannot.
   */
  setMailbox(id: string | null, options: { confirmTable?: boolean } = {}): void {
    if (id === this.mailboxId) return;
    this.mailboxId = id;
    this.confirmTable = !!options.confirmTable;
    this.run++;
    this.setState({ phase: "idle" });
  }

  get currentMailbox(): string | null {
    return this.mailboxId;
  }

  /** Runs every check. Resolves when the state has settled; never rejects. */
  async check(): Promise<void> {
    const id = this.mailboxId;
    if (!id || this.disposed) return;
    const run = ++this.run;
    const previous = this.lastResult();
    const checkedAt = this.lastCheckedAt();
    if (this.options.isOffline()) {
      this.setState({ phase: "failed", error: { kind: "offline", message: "offline" }, previous, checkedAt });
      return;
    }
    this.setState({ phase: "checking", previous, checkedAt });
    const now = this.options.now ?? (() => new Date());
    let next: CheckState;
    if (this.confirmTable) {
      try {
        await this.options.client.retrieveRecord("mailbox", id, mailboxProbeOptions());
        if (run === this.run) this.confirmTable = false;
      } catch (reason) {
        next = { phase: "failed", error: toDataError(reason, this.options.isOffline()), previous, checkedAt, tableUnknown: true };
        if (run === this.run && !this.disposed) this.setState(next);
        return;
      }
      if (run !== this.run || this.disposed) return;
    }
    try {
      const result = await diagnoseMailbox(this.options.client, id, {
        now,
        clientUrl: this.options.clientUrl,
        isOffline: this.options.isOffline,
      });
      next = { phase: "done", result, checkedAt: now() };
    } catch (reason) {
      const error = reason instanceof MailboxUnreadableError ? reason.error : toDataError(reason, this.options.isOffline());
      next = { phase: "failed", error, previous, checkedAt };
    }
    if (run === this.run && !this.disposed) this.setState(next);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private lastResult(): DiagnosisResult | undefined {
    const s = this.state;
    return s.phase === "done" ? s.result : s.phase === "idle" ? undefined : s.previous;
  }

  private lastCheckedAt(): Date | undefined {
    const s = this.state;
    return s.phase === "idle" ? undefined : s.checkedAt;
  }

  private setState(state: CheckState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}
