import type { DataError } from "../model/snapshot";
import { toDataError } from "../data/errors";
import { parseIsoInstant } from "../data/isoDate";
import { testWatchOptions } from "../data/mailboxWrites";
import type { Row, WebApiClient } from "../data/webApiClient";

/**
 * Waits for a scheduled Test & Enable to run on the server. One request a poll (the mailbox row with the
 * test's columns); the alerts are read again by the full diagnosis that follows. Polls back off
 * (POLL_DELAYS_MS, then the last delay again) up to WATCH_LIMIT_MS after the request, wait longer when
 * Dataverse says Retry-After, skip the request while the app is offline, and pause while the page is hidden.
 */

/** Seconds between polls: quick at first (the playground's test and a healthy server take seconds), then every 30 s. */
export const POLL_DELAYS_MS = [5_000, 5_000, 10_000, 10_000, 15_000, 15_000, 20_000, 30_000] as const;
/** How long the control waits for the server before it says the test has not run yet. */
export const WATCH_LIMIT_MS = 10 * 60_000;

/** SSS status of one direction: 0 Not Run, 1 Success, 2 Failure; null when the direction does not use SSS. */
export interface TestOutcome {
  incoming: number | null;
  outgoing: number | null;
  act: number | null;
}

export type WatchState =
  | { phase: "waiting"; requestedAt: Date; polls: number; paused: boolean; lastError?: DataError }
  | { phase: "finished"; requestedAt: Date; polls: number; outcome: TestOutcome }
  | { phase: "timed-out"; requestedAt: Date; polls: number }
  | { phase: "stopped"; requestedAt: Date; polls: number };

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The page's visibility (document.hidden and its visibilitychange event). */
export interface Visibility {
  hidden(): boolean;
  subscribe(listener: () => void): () => void;
}

export interface WatchOptions {
  client: WebApiClient;
  mailboxId: string;
  /** `testmailboxaccesscompletedon` as it was before the request (null: never tested; undefined: unknown). */
  completedBefore: Date | null | undefined;
  /** When the admin confirmed (the client's clock). */
  requestedAt: Date;
  now: () => number;
  timers: Timers;
  visibility?: Visibility;
  isOffline: () => boolean;
  onChange: (state: WatchState) => void;
  delaysMs?: readonly number[];
  limitMs?: number;
}

/**
 * Whether the server has run the test, from the row alone: the flag is cleared and the completion time is
 * newer than before the request, or the flag was seen set and is now cleared. A row still flagged has not run.
 */
export function testHasRun(row: Row, completedBefore: Date | null | undefined, seenScheduled: boolean): boolean {
  const scheduled = row.testemailconfigurationscheduled;
  if (scheduled === true) return false;
  const completed = typeof row.testmailboxaccesscompletedon === "string" ? parseIsoInstant(row.testmailboxaccesscompletedon) : undefined;
  if (completed && completedBefore !== undefined && (completedBefore === null || completed.getTime() > completedBefore.getTime())) return true;
  return seenScheduled && scheduled === false;
}

export function outcomeOf(row: Row): TestOutcome {
  const status = (column: string, method: string, sss: number): number | null =>
    row[method] === sss && typeof row[column] === "number" ? row[column] : null;
  return {
    incoming: status("incomingemailstatus", "incomingemaildeliverymethod", 2),
    outgoing: status("outgoingemailstatus", "outgoingemaildeliverymethod", 2),
    act: status("actstatus", "actdeliverymethod", 1),
  };
}

export class TestWatcher {
  private state: WatchState;
  private timer: unknown = undefined;
  /** performance time the next poll is due. */
  private dueAt = 0;
  private seenScheduled = false;
  private unsubscribe: (() => void) | undefined;
  private readonly startedAt: number;
  private inFlight = false;

  constructor(private readonly options: WatchOptions) {
    this.startedAt = options.now();
    this.state = { phase: "waiting", requestedAt: options.requestedAt, polls: 0, paused: false };
    this.unsubscribe = options.visibility?.subscribe(() => this.visibilityChanged());
    this.schedule(this.delayAfter(0));
  }

  getState(): WatchState {
    return this.state;
  }

  get active(): boolean {
    return this.state.phase === "waiting";
  }

  /** Stop waiting (the admin's click, a record change, the control's destroy). No further request is made. */
  stop(): void {
    if (!this.active) return;
    this.end({ phase: "stopped", requestedAt: this.state.requestedAt, polls: this.state.polls });
  }

  private delayAfter(polls: number): number {
    const delays = this.options.delaysMs ?? POLL_DELAYS_MS;
    return delays[Math.min(polls, delays.length - 1)];
  }

  private get limit(): number {
    return this.options.limitMs ?? WATCH_LIMIT_MS;
  }

  private schedule(ms: number): void {
    this.options.timers.clearTimeout(this.timer);
    this.dueAt = this.options.now() + ms;
    if (this.options.visibility?.hidden()) {
      this.timer = undefined;
      this.update({ paused: true });
      return;
    }
    this.timer = this.options.timers.setTimeout(() => void this.poll(), ms);
  }

  private visibilityChanged(): void {
    if (!this.active || this.inFlight) return;
    if (this.options.visibility?.hidden()) {
      this.options.timers.clearTimeout(this.timer);
      this.timer = undefined;
      this.update({ paused: true });
    } else {
      this.update({ paused: false });
      this.schedule(Math.max(0, this.dueAt - this.options.now()));
    }
  }

  /** One poll. Never rejects. */
  private poll(): Promise<void> {
    this.timer = undefined;
    if (!this.active) return Promise.resolve();
    if (this.options.isOffline()) {
      this.after(this.polls, { kind: "offline", message: "offline" });
      return Promise.resolve();
    }
    this.inFlight = true;
    return this.options.client.retrieveRecord("mailbox", this.options.mailboxId, testWatchOptions()).then(
      (row) => {
        this.inFlight = false;
        if (!this.active) return undefined;
        if (testHasRun(row, this.options.completedBefore, this.seenScheduled)) {
          this.end({ phase: "finished", requestedAt: this.options.requestedAt, polls: this.polls + 1, outcome: outcomeOf(row) });
        } else {
          if (row.testemailconfigurationscheduled === true) this.seenScheduled = true;
          this.after(this.polls + 1, undefined);
        }
        return undefined;
      },
      (reason: unknown) => {
        this.inFlight = false;
        if (this.active) this.after(this.polls + 1, toDataError(reason, this.options.isOffline()));
      },
    );
  }

  /** After a poll (or a skipped one): the state, then the next poll, the last one at the limit. */
  private after(polls: number, lastError: DataError | undefined): void {
    const elapsed = this.options.now() - this.startedAt;
    if (elapsed >= this.limit) {
      this.end({ phase: "timed-out", requestedAt: this.options.requestedAt, polls });
      return;
    }
    this.state = { ...(this.state as Extract<WatchState, { phase: "waiting" }>), polls, lastError };
    this.options.onChange(this.state);
    const wait = Math.max(this.delayAfter(polls), (lastError?.retryAfterSeconds ?? 0) * 1000);
    this.schedule(Math.min(wait, this.limit - elapsed));
  }

  private get polls(): number {
    return this.state.polls;
  }

  private update(patch: { paused?: boolean; lastError?: DataError }): void {
    if (this.state.phase !== "waiting") return;
    this.state = { ...this.state, ...patch };
    this.options.onChange(this.state);
  }

  private end(state: WatchState): void {
    this.options.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.state = state;
    this.options.onChange(state);
  }
}
