import type { DataError } from "../model/snapshot";
import { toDataError } from "../data/errors";
import { mailboxWrite } from "../data/mailboxWrites";
import type { WebApiClient, WebApiWriter } from "../data/webApiClient";
import type { WriteBlock } from "./actionGate";
import type { DiagnosisController } from "./controller";
import { resultOf } from "./controller";
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
 * Its state lives in the constructor's closures: the minified bundle shortens local names, not members.
 */
export class LoopController {
  readonly getState: () => LoopState;
  readonly subscribe: (listener: () => void) => () => void;
  /** Opens the confirmation. Nothing is written. */
  readonly ask: (action: LoopAction) => void;
  readonly cancel: () => void;
  /** The admin confirmed: one write, then the wait (Test & Enable) or a new diagnosis (Approve). Never rejects. */
  readonly confirm: () => Promise<void>;
  /** Stops the wait; the test still runs on the server. */
  readonly stopWaiting: () => void;
  /** The form's record changed (or closed): the wait ends and nothing of the old record is shown. */
  readonly reset: () => void;
  readonly dispose: () => void;

  constructor(options: LoopOptions) {
    const diagnosis = options.diagnosis;
    let state = IDLE;
    const listeners = new Set<() => void>();
    let watcher: TestWatcher | undefined;
    /** Bumped when the record changes or the control goes: late answers of an older record are ignored. */
    let generation = 0;
    let disposed = false;

    const setState = (next: LoopState): void => {
      state = next;
      for (const listener of [...listeners]) listener();
    };
    const set = (patch: Partial<LoopState>): void => setState({ ...state, ...patch });
    /** A write or a wait is running: actions do nothing. */
    const busy = (): boolean => state.writing !== null || state.waiting !== null;
    /** Ends the wait, if any. */
    const stopWatcher = (): void => {
      if (watcher) watcher.stop();
      watcher = undefined;
    };

    this.getState = () => state;
    this.subscribe = (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
    this.ask = (action) => {
      if (disposed || busy() || options.blocked() || !diagnosis.currentMailbox) return;
      set({ confirming: action });
    };
    this.cancel = () => {
      if (state.confirming) set({ confirming: null });
    };
    this.confirm = async () => {
      const action = state.confirming;
      const id = diagnosis.currentMailbox;
      if (!action || busy() || disposed || !id) return;
      if (options.blocked()) {
        set({ confirming: null });
        return;
      }
      const run = generation;
      // The last test's completion time the diagnosis read: the test that follows the request must be newer.
      const shown = resultOf(diagnosis.getState());
      const completedBefore = shown ? shown.snapshot.mailbox.testCompletedOn : undefined;
      set({ confirming: null, writing: action, notice: null });
      try {
        await mailboxWrite(options.writer, id, action);
      } catch (reason) {
        if (run !== generation) return;
        const error = toDataError(reason, options.isOffline());
        const needsApprovalRole = action === "approve" && isApprovalRefusal(error);
        set({ writing: null, notice: { kind: "write-failed", action, error, ...(needsApprovalRole ? { needsApprovalRole } : {}) } });
        return;
      }
      if (run !== generation) return;
      if (action === "approve") {
        set({ writing: null, notice: { kind: "approved" } });
        return diagnosis.check();
      }
      // The client, clock, timers, visibility and offline test are the loop's own.
      watcher = new TestWatcher({
        ...options,
        mailboxId: id,
        completedBefore,
        requestedAt: new Date(),
        onChange: (watch) => {
          if (run !== generation) return;
          if (watch.phase === "waiting") {
            set({ waiting: watch });
            return;
          }
          watcher = undefined;
          if (watch.phase !== "finished") {
            set({ waiting: null, notice: { kind: watch.phase } });
            return;
          }
          // The verdict is read again before the result is announced, so both say the same.
          void diagnosis.check().then(() => {
            if (!disposed) set({ waiting: null, notice: { kind: "test-finished", outcome: watch.outcome } });
            return undefined;
          });
        },
      });
      set({ writing: null, waiting: watcher.getState() as LoopState["waiting"] });
    };
    this.stopWaiting = stopWatcher;
    this.reset = () => {
      generation++;
      stopWatcher();
      setState(IDLE);
    };
    this.dispose = () => {
      generation++;
      disposed = true;
      stopWatcher();
      listeners.clear();
    };
  }
}
