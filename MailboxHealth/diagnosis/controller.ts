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

/** The result on screen: the new one when done, the previous one while checking or after a failure. */
export function resultOf(state: CheckState): DiagnosisResult | undefined {
  return state.phase === "done" ? state.result : state.phase === "idle" ? undefined : state.previous;
}

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
 * Its state lives in the constructor's closures: the minified bundle shortens local names, not members.
 */
export class DiagnosisController {
  /** The mailbox being checked (set by `setMailbox` only). */
  currentMailbox: string | null = null;
  readonly getState: () => CheckState;
  readonly subscribe: (listener: () => void) => () => void;
  /**
   * Sets the mailbox to check; a new id clears the previous result. `confirmTable`: the host did not
   * say the record is a mailbox, so the first check reads only whether a mailbox with this id exists
   * (one request) and stops there, with one message, when it cannot.
   */
  readonly setMailbox: (id: string | null, options?: { confirmTable?: boolean }) => void;
  /** Runs every check. Resolves when the state has settled; never rejects. */
  readonly check: () => Promise<void>;
  readonly dispose: () => void;

  constructor(options: ControllerOptions) {
    let state: CheckState = { phase: "idle" };
    const listeners = new Set<() => void>();
    let run = 0;
    let disposed = false;
    /** The host did not name the table: the first check reads the mailbox alone before all the rest. */
    let confirmTable = false;

    const setState = (next: CheckState): void => {
      state = next;
      for (const listener of [...listeners]) listener();
    };

    this.getState = () => state;
    this.subscribe = (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    };
    this.setMailbox = (id, opts = {}) => {
      if (id === this.currentMailbox) return;
      this.currentMailbox = id;
      confirmTable = !!opts.confirmTable;
      run++;
      setState({ phase: "idle" });
    };
    this.check = async () => {
      const id = this.currentMailbox;
      if (!id || disposed) return;
      const thisRun = ++run;
      const s = state;
      const previous = resultOf(s);
      const checkedAt = s.phase === "idle" ? undefined : s.checkedAt;
      if (options.isOffline()) {
        setState({ phase: "failed", error: { kind: "offline", message: "offline" }, previous, checkedAt });
        return;
      }
      setState({ phase: "checking", previous, checkedAt });
      let next: CheckState;
      // Until the probe has read the mailbox, a failure means the record may not be a mailbox at all.
      let tableUnknown = confirmTable;
      try {
        if (confirmTable) {
          await options.client.retrieveRecord("mailbox", id, mailboxProbeOptions());
          if (thisRun !== run || disposed) return;
          confirmTable = tableUnknown = false;
        }
        // The controller's clock, org URL and offline test.
        const result = await diagnoseMailbox(options.client, id, options);
        next = { phase: "done", result, checkedAt: options.now ? options.now() : new Date() };
      } catch (reason) {
        const error = reason instanceof MailboxUnreadableError ? reason.error : toDataError(reason, options.isOffline());
        next = { phase: "failed", error, previous, checkedAt, ...(tableUnknown ? { tableUnknown } : {}) };
      }
      if (thisRun === run && !disposed) setState(next);
    };
    this.dispose = () => {
      disposed = true;
      listeners.clear();
    };
  }
}
