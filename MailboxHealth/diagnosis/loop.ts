import type { DataError } from "../model/snapshot";
import { toDataError } from "../data/errors";
import { approveEmail, scheduleTestAndEnable } from "../data/mailboxWrites";
import type { WebApiClient, WebApiWriter } from "../data/webApiClient";
import type { WriteBlock } from "./actionGate";
import type { DiagnosisController } from "./controller";
import type { TestOutcome, Timers, Visibility, WatchState } from "./testWatcher";
import { TestWatcher } from "./testWatcher";

export type LoopAction = "test" | "approve";

export type LoopNotice =
  | {
      kind: "write-failed";
      action: LoopAction;
      error: DataError;
      /** An approval refused for want of prvApproveRejectEmailAddress or a Global/Exchange administrator role. */
      needsApprovalRole?: boolean;
    }
  | { kind: "approved" }
  | { kind: "test-finished"; outcome: TestOutcome }
  | { kind: "timed-out" }
  | { kind: "stopped" };

export interface LoopState {
  /** The confirmation open for this action. */
  confirming: LoopAction | null;
  /** The write being made. */
  writing: LoopAction | null;
  /** The wait for the test, while it runs. */
  waiting: Extract<WatchState, { phase: "waiting" }> | null;
  /** What the last action came to. */
  notice: LoopNotice | null;
}

export interface LoopOptions {
  diagnosis: DiagnosisController;
  client: WebApiClient;
  writer: WebApiWriter;
  /** Why the control may not write now, or null (actionGate.ts). */
  blocked: () => WriteBlock | null;
  isOffline: () => boolean;
  timers: Timers;
  now: () => number;
  visibility?: Visibility;
  delaysMs?: readonly number[];
  limitMs?: number;
}

/**
 * Dataverse's refusals of an approval (docs/rules.md, "Writes"): the privilege error naming
 * prvApproveRejectEmailAddress, and the platform's sentences that the approver must be a Global or Exchange
 * administrator or hold the Delegated Mailbox Approver role. English tokens and role names, as they are sent.
 */
export function isApprovalRefusal(error: DataError): boolean {
  if (error.kind === "privilege") return true;
  return /prvApproveRejectEmailAddress|global administrator|exchange administrator|Delegated Mailbox Approver/i.test(error.message);
}

const IDLE: LoopState = { confirming: null, writing: null, waiting: null, notice: null };

/**
 * Test & Enable and Approve Email from the control: the confirmation, the one write it allows, the wait
 * for the server's test, and the new diagnosis when the test has run. Writes only from `confirm()`, at
 * most one at a time, never while a test is awaited. A failed write leaves the diagnosis as it was.
 */
export class LoopController {
  private state: LoopState = IDLE;
  private listeners = new Set<() => void>();
  private watcher: TestWatcher | undefined;
  /** Bumped when the record changes or the control goes: late answers of an older record are ignored. */
  private generation = 0;
  private disposed = false;

  constructor(private readonly options: LoopOptions) {}

  getState(): LoopState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A write or a wait is running: actions do nothing. */
  get busy(): boolean {
    return this.state.writing !== null || this.state.waiting !== null;
  }

  /** Opens the confirmation. Nothing is written. */
  ask(action: LoopAction): void {
    if (this.disposed || this.busy || this.options.blocked() || !this.options.diagnosis.currentMailbox) return;
    this.setState({ ...this.state, confirming: action });
  }

  cancel(): void {
    if (this.state.confirming) this.setState({ ...this.state, confirming: null });
  }

  /** The admin confirmed: one write, then the wait (Test & Enable) or a new diagnosis (Approve). Never rejects. */
  confirm(): Promise<void> {
    const action = this.state.confirming;
    const id = this.options.diagnosis.currentMailbox;
    if (!action || this.busy || this.disposed || !id) return Promise.resolve();
    if (this.options.blocked()) {
      this.setState({ ...this.state, confirming: null });
      return Promise.resolve();
    }
    const generation = this.generation;
    const completedBefore = this.completedBefore();
    this.setState({ confirming: null, writing: action, waiting: null, notice: null });
    const write = action === "test" ? scheduleTestAndEnable(this.options.writer, id) : approveEmail(this.options.writer, id);
    return write.then(
      () => {
        if (generation !== this.generation) return undefined;
        if (action === "test") return this.watch(id, completedBefore, generation);
        this.setState({ ...this.state, writing: null, notice: { kind: "approved" } });
        return this.options.diagnosis.check();
      },
      (reason: unknown) => {
        if (generation !== this.generation) return;
        const error = toDataError(reason, this.options.isOffline());
        const needsApprovalRole = action === "approve" && isApprovalRefusal(error);
        this.setState({ ...this.state, writing: null, notice: { kind: "write-failed", action, error, ...(needsApprovalRole ? { needsApprovalRole } : {}) } });
      },
    );
  }

  /** Stops the wait; the test still runs on the server. */
  stopWaiting(): void {
    this.watcher?.stop();
  }

  /** The form's record changed (or closed): the wait ends and nothing of the old record is shown. */
  reset(): void {
    this.generation++;
    this.watcher?.stop();
    this.watcher = undefined;
    this.setState(IDLE);
  }

  dispose(): void {
    this.generation++;
    this.disposed = true;
    this.watcher?.stop();
    this.watcher = undefined;
    this.listeners.clear();
  }

  private watch(id: string, completedBefore: Date | null | undefined, generation: number): void {
    const requestedAt = new Date();
    // The client, clock, timers, visibility, offline test and delays are the loop's own.
    this.watcher = new TestWatcher({
      ...this.options,
      mailboxId: id,
      completedBefore,
      requestedAt,
      onChange: (watch) => {
        if (generation !== this.generation) return;
        this.watched(watch);
      },
    });
    this.setState({ ...this.state, writing: null, waiting: this.watcher.getState() as LoopState["waiting"] });
  }

  private watched(watch: WatchState): void {
    switch (watch.phase) {
      case "waiting":
        this.setState({ ...this.state, waiting: watch });
        return;
      case "stopped":
        this.watcher = undefined;
        this.setState({ ...this.state, waiting: null, notice: { kind: "stopped" } });
        return;
      case "timed-out":
        this.watcher = undefined;
        this.setState({ ...this.state, waiting: null, notice: { kind: "timed-out" } });
        return;
      case "finished":
        this.watcher = undefined;
        // The verdict is read again before the result is announced, so both say the same.
        void this.options.diagnosis.check().then(() => {
          if (!this.disposed) this.setState({ ...this.state, waiting: null, notice: { kind: "test-finished", outcome: watch.outcome } });
          return undefined;
        });
        return;
    }
  }

  /** The last test's completion time the diagnosis read: the test that follows the request must be newer. */
  private completedBefore(): Date | null | undefined {
    const s = this.options.diagnosis.getState();
    const result = s.phase === "done" ? s.result : s.phase === "idle" ? undefined : s.previous;
    return result?.snapshot.mailbox.testCompletedOn;
  }

  private setState(state: LoopState): void {
    this.state = state;
    for (const listener of [...this.listeners]) listener();
  }
}
