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
    const delays = options.delaysMs ?? POLL_DELAYS_MS;
    const limit = options.limitMs ?? WATCH_LIMIT_MS;
    const startedAt = options.now();
    let state: WatchState = { phase: "waiting", requestedAt: options.requestedAt, polls: 0, paused: false };
    let timer: unknown;
    /** performance time the next poll is due. */
    let dueAt = 0;
    let seenScheduled = false;
    let inFlight = false;
    let unsubscribe: (() => void) | undefined;

    const active = (): boolean => state.phase === "waiting";
    const delayAfter = (polls: number): number => delays[Math.min(polls, delays.length - 1)];
    const hidden = (): boolean => !!visibility && visibility.hidden();

    const change = (next: WatchState): void => {
      state = next;
      options.onChange(next);
    };
    const update = (patch: { paused?: boolean }): void => {
      if (state.phase === "waiting") change({ ...state, ...patch });
    };
    const end = (next: WatchState): void => {
      timers.clearTimeout(timer);
      timer = undefined;
      if (unsubscribe) unsubscribe();
      unsubscribe = undefined;
      change(next);
    };
    const schedule = (ms: number): void => {
      timers.clearTimeout(timer);
      dueAt = options.now() + ms;
      if (hidden()) {
        timer = undefined;
        update({ paused: true });
        return;
      }
      timer = timers.setTimeout(() => void poll(), ms);
    };

    /** After a poll (or a skipped one): the state, then the next poll, the last one at the limit. */
    const after = (polls: number, lastError: DataError | undefined): void => {
      const elapsed = options.now() - startedAt;
      if (elapsed >= limit) {
        end({ phase: "timed-out", requestedAt: options.requestedAt, polls });
        return;
      }
      change({ ...(state as Extract<WatchState, { phase: "waiting" }>), polls, lastError });
      const wait = Math.max(delayAfter(polls), (lastError?.retryAfterSeconds ?? 0) * 1000);
      schedule(Math.min(wait, limit - elapsed));
    };

    /** One poll. Never rejects. */
    const poll = (): Promise<void> => {
      timer = undefined;
      if (!active()) return Promise.resolve();
      if (options.isOffline()) {
        after(state.polls, { kind: "offline", message: "offline" });
        return Promise.resolve();
      }
      inFlight = true;
      return options.client.retrieveRecord("mailbox", options.mailboxId, testWatchOptions()).then(
        (row) => {
          inFlight = false;
          if (!active()) return undefined;
          if (testHasRun(row, options.completedBefore, seenScheduled)) {
            end({ phase: "finished", requestedAt: options.requestedAt, polls: state.polls + 1, outcome: outcomeOf(row) });
          } else {
            if (row.testemailconfigurationscheduled === true) seenScheduled = true;
            after(state.polls + 1, undefined);
          }
          return undefined;
        },
        (reason: unknown) => {
          inFlight = false;
          if (active()) after(state.polls + 1, toDataError(reason, options.isOffline()));
        },
      );
    };

    const visibilityChanged = (): void => {
      if (!active() || inFlight) return;
      if (hidden()) {
        timers.clearTimeout(timer);
        timer = undefined;
        update({ paused: true });
      } else {
        update({ paused: false });
        schedule(Math.max(0, dueAt - options.now()));
      }
    };

    if (visibility) unsubscribe = visibility.subscribe(visibilityChanged);
    this.getState = () => state;
    this.stop = () => {
      if (active()) end({ phase: "stopped", requestedAt: state.requestedAt, polls: state.polls });
    };
    schedule(delayAfter(0));
  }
}
