/* eslint-disable @typescript-eslint/prefer-nullish-coalescing, @typescript-eslint/prefer-optional-chain -- `??` and `?.` are rewritten into longer code for Safari 13; where `||` and `&&` stand in, they read the same. */
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
}

/**
 * Whether the server has run the test, from the row alone: the flag is cleared and the completion time is
 * newer than before the request, or the flag was seen set and is now cleared. A row still flagged has not run.
 */
export function testHasRun(row: Row, completedBefore: Date | null | undefined, seenScheduled: boolean): boolean {
  const scheduled = row.testemailconfigurationscheduled;
  if (scheduled === true) return false;
  const completed = typeof row.testmailboxaccesscompletedon === "string" ? parseIsoInstant(row.testmailboxaccesscompletedon) : undefined;
  // Dates compare by their time.
  if (completed && completedBefore !== undefined && (completedBefore === null || completed > completedBefore)) return true;
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

type Waiting = Extract<WatchState, { phase: "waiting" }>;

/**
 * The wait itself. Its state lives in the constructor's closures rather than in private members: the
 * control's minified bundle keeps member names as they are written, but shortens local ones.
 */
export class TestWatcher {
  readonly getState: () => WatchState;
  /** Stop waiting (the admin's click, a record change, the control's destroy). No further request is made. */
  readonly stop: () => void;

  constructor(options: WatchOptions) {
    const timers = options.timers;
    const visibility = options.visibility;
    const startedAt = options.now();
    let state: WatchState = { phase: "waiting", requestedAt: options.requestedAt, polls: 0, paused: false };
    let timer: unknown;
    /** performance time the next poll is due. */
    let dueAt = 0;
    let seenScheduled = false;
    let inFlight = false;

    const active = (): boolean => state.phase === "waiting";

    const change = (next: WatchState): void => {
      state = next;
      options.onChange(next);
    };
    /** The wait is over; `outcome` only when the test has run. */
    const end = (phase: Exclude<WatchState, Waiting>["phase"], polls: number, outcome?: TestOutcome): void => {
      timers.clearTimeout(timer);
      if (unsubscribe) unsubscribe();
      change({ phase, requestedAt: options.requestedAt, polls, outcome } as WatchState);
    };
    /** The next poll is due in `ms`; while the page is hidden no timer runs and the wait says it is paused. */
    const schedule = (ms: number): void => {
      timers.clearTimeout(timer);
      timer = undefined;
      dueAt = options.now() + ms;
      const paused = !!visibility && visibility.hidden();
      if (paused !== (state as Waiting).paused) change({ ...(state as Waiting), paused });
      if (!paused) timer = timers.setTimeout(poll, ms);
    };

    /** After a poll (or a skipped one): the state, then the next poll, the last one at the limit. */
    const after = (polls: number, lastError?: DataError): void => {
      const elapsed = options.now() - startedAt;
      if (elapsed >= WATCH_LIMIT_MS) {
        end("timed-out", polls);
        return;
      }
      change({ ...(state as Waiting), polls, lastError });
      const delay = POLL_DELAYS_MS[Math.min(polls, POLL_DELAYS_MS.length - 1)];
      const wait = Math.max(delay, ((lastError && lastError.retryAfterSeconds) || 0) * 1000);
      schedule(Math.min(wait, WATCH_LIMIT_MS - elapsed));
    };

    /** One poll. Its answer (or failure) is handled here: nothing to await. */
    const poll = (): void => {
      if (!active()) return;
      if (options.isOffline()) {
        after(state.polls, { kind: "offline", message: "offline" });
        return;
      }
      inFlight = true;
      void options.client.retrieveRecord("mailbox", options.mailboxId, testWatchOptions()).then(
        (row) => {
          inFlight = false;
          if (!active()) return undefined;
          if (testHasRun(row, options.completedBefore, seenScheduled)) {
            end("finished", state.polls + 1, outcomeOf(row));
          } else {
            if (row.testemailconfigurationscheduled === true) seenScheduled = true;
            after(state.polls + 1);
          }
          return undefined;
        },
        (reason: unknown) => {
          inFlight = false;
          if (active()) after(state.polls + 1, toDataError(reason, options.isOffline()));
        },
      );
    };

    // Hidden: the timer stops (the poll stays due at the same time); shown again: the poll runs when due.
    // A request under way schedules the next poll itself.
    const unsubscribe = visibility && visibility.subscribe(() => {
      if (active() && !inFlight) schedule(Math.max(0, dueAt - options.now()));
    });
    this.getState = () => state;
    this.stop = () => {
      if (active()) end("stopped", state.polls);
    };
    schedule(POLL_DELAYS_MS[0]);
  }
}
