/**
 * The wait for a scheduled Test & Enable, with fake timers: when it polls, what one poll reads, when it
 * knows the test has run, and every way it stops (the admin, the limit, the record, hidden pages).
 */
import { approveEmail, scheduleTestAndEnable } from "../../MailboxHealth/data/mailboxWrites";
import type { Visibility, WatchState } from "../../MailboxHealth/diagnosis/testWatcher";
import { POLL_DELAYS_MS, TestWatcher, WATCH_LIMIT_MS, testHasRun } from "../../MailboxHealth/diagnosis/testWatcher";
import { healthyDump, IDS, mailboxRow } from "../support/rows";
import { FakeDataverse } from "./writeClient";

const BEFORE = new Date("2026-11-18T08:00:00Z");

function setup(options: { visibility?: Visibility; offline?: () => boolean; completedBefore?: Date | null } = {}) {
  const server = new FakeDataverse(healthyDump({ mailboxes: [mailboxRow({ incomingemailstatus: 2, testemailconfigurationscheduled: true })] }));
  const states: WatchState[] = [];
  const watcher = new TestWatcher({
    client: server,
    mailboxId: IDS.mailbox,
    completedBefore: options.completedBefore === undefined ? BEFORE : options.completedBefore,
    requestedAt: new Date(),
    now: () => Date.now(),
    timers: { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    visibility: options.visibility,
    isOffline: options.offline ?? (() => false),
    onChange: (s) => states.push(s),
  });
  const row = server.mailbox(IDS.mailbox)!;
  /** The server runs the test: statuses written, completion time set, flag cleared. */
  const serverRunsTest = (incoming = 1, outgoing = 2) =>
    Object.assign(row, {
      testemailconfigurationscheduled: false,
      testmailboxaccesscompletedon: new Date().toISOString(),
      incomingemailstatus: incoming,
      outgoingemailstatus: outgoing,
    });
  return { server, watcher, states, row, serverRunsTest };
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date("2026-11-20T09:00:00Z") });
});
afterEach(() => {
  jest.useRealTimers();
});

describe("the writes", () => {
  it("Test & Enable sets only testemailconfigurationscheduled on the mailbox, once", async () => {
    const server = new FakeDataverse(healthyDump());
    await scheduleTestAndEnable(server, IDS.mailbox);
    expect(server.writes).toEqual([{ method: "PATCH", table: "mailbox", id: IDS.mailbox, body: { testemailconfigurationscheduled: true } }]);
    expect(server.mailbox(IDS.mailbox)!.testemailconfigurationscheduled).toBe(true);
  });

  it("Approve Email sets emailrouteraccessapproval to Approved on the mailbox, once", async () => {
    const server = new FakeDataverse(healthyDump({ mailboxes: [mailboxRow({ emailrouteraccessapproval: 2 })] }));
    await approveEmail(server, IDS.mailbox);
    expect(server.writes).toEqual([{ method: "PATCH", table: "mailbox", id: IDS.mailbox, body: { emailrouteraccessapproval: 1 } }]);
  });

  it("each write sends a body of its own: a host that changes the one it got does not change the next write", async () => {
    // A host that keeps the very object it was given, as a record of calls may.
    const bodies: Record<string, unknown>[] = [];
    const host = { updateRecord: (_table: string, _id: string, body: Record<string, unknown>) => Promise.resolve(void bodies.push(body)) };
    await scheduleTestAndEnable(host, IDS.mailbox);
    bodies[0].testemailconfigurationscheduled = false;
    await scheduleTestAndEnable(host, IDS.mailbox);
    expect(bodies[1]).toEqual({ testemailconfigurationscheduled: true });
  });

  it("a refused write rejects with what Dataverse said", async () => {
    const server = new FakeDataverse(healthyDump());
    server.failNextWrite = { status: 412, message: "Precondition failed" };
    await expect(scheduleTestAndEnable(server, IDS.mailbox)).rejects.toEqual({ status: 412, message: "Precondition failed" });
  });
});

describe("knowing the test has run, from the row", () => {
  const row = (over: Record<string, unknown>) => mailboxRow({ testemailconfigurationscheduled: false, ...over });
  it("a completion time newer than before the request, with the flag cleared", () => {
    expect(testHasRun(row({ testmailboxaccesscompletedon: "2026-11-20T09:01:00Z" }), BEFORE, false)).toBe(true);
  });
  it("not while the flag is still set, whatever the time says", () => {
    expect(testHasRun(row({ testemailconfigurationscheduled: true, testmailboxaccesscompletedon: "2026-11-20T09:01:00Z" }), BEFORE, false)).toBe(false);
  });
  it("not on the old completion time", () => {
    expect(testHasRun(row({ testmailboxaccesscompletedon: "2026-11-18T08:00:00Z" }), BEFORE, false)).toBe(false);
  });
  it("a first test of a never-tested mailbox", () => {
    expect(testHasRun(row({ testmailboxaccesscompletedon: "2026-11-20T09:01:00Z" }), null, false)).toBe(true);
  });
  it("the flag seen set and now cleared, even without a readable time", () => {
    expect(testHasRun(row({ testmailboxaccesscompletedon: undefined }), undefined, true)).toBe(true);
    expect(testHasRun(row({ testmailboxaccesscompletedon: undefined }), undefined, false)).toBe(false);
  });
});

describe("polling", () => {
  it("polls with the backoff, one request a poll, and nothing before the first delay", async () => {
    const { server } = setup();
    await jest.advanceTimersByTimeAsync(POLL_DELAYS_MS[0] - 1);
    expect(server.requests).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: "GET", table: "mailbox", id: IDS.mailbox });
    expect(server.requests[0].options).toContain("testemailconfigurationscheduled");
    expect(server.requests[0].options).not.toMatch(/password|oauth/i);
    // 5, 10, 20, 30, 45, 60, 80, 110, 140, 170 s
    await jest.advanceTimersByTimeAsync(170_000 - 5_000);
    expect(server.requests).toHaveLength(10);
  });

  it("a test that takes 3 minutes: 11 polls, 11 requests, then finished with the statuses read", async () => {
    const { server, watcher, serverRunsTest } = setup();
    setTimeout(() => serverRunsTest(1, 2), 180_000);
    await jest.advanceTimersByTimeAsync(10 * 60_000);
    const state = watcher.getState();
    expect(state).toMatchObject({ phase: "finished", polls: 11, outcome: { incoming: 1, outgoing: 2, act: 1 } });
    expect(server.requests).toHaveLength(11);
  });

  it("stops at once on Stop waiting: no request after it", async () => {
    const { server, watcher } = setup();
    await jest.advanceTimersByTimeAsync(12_000);
    watcher.stop();
    expect(watcher.getState().phase).toBe("stopped");
    const made = server.requests.length;
    await jest.advanceTimersByTimeAsync(WATCH_LIMIT_MS);
    expect(server.requests).toHaveLength(made);
  });

  it("gives up at the limit, with the last poll at the limit and none after", async () => {
    const { server, watcher } = setup();
    await jest.advanceTimersByTimeAsync(WATCH_LIMIT_MS);
    expect(watcher.getState().phase).toBe("timed-out");
    const made = server.requests.length;
    // 5…170 s (10 polls), then every 30 s to 590 s (14), and the last at 600 s.
    expect(made).toBe(25);
    await jest.advanceTimersByTimeAsync(WATCH_LIMIT_MS);
    expect(server.requests).toHaveLength(made);
  });

  it("waits as long as Retry-After says when throttled, and keeps waiting", async () => {
    const { server, watcher } = setup();
    server.failReads = { status: 429, message: "Number of requests exceeded the limit", retryAfterSeconds: 40 };
    await jest.advanceTimersByTimeAsync(5_000);
    expect(server.requests).toHaveLength(1);
    expect(watcher.getState()).toMatchObject({ phase: "waiting", lastError: { kind: "throttled" } });
    await jest.advanceTimersByTimeAsync(39_999);
    expect(server.requests).toHaveLength(1);
    server.failReads = undefined;
    await jest.advanceTimersByTimeAsync(1);
    expect(server.requests).toHaveLength(2);
    expect(watcher.getState()).toMatchObject({ phase: "waiting", lastError: undefined });
  });

  it("sends nothing while the app is offline, and polls again when it is back", async () => {
    let offline = true;
    const { server, watcher } = setup({ offline: () => offline });
    await jest.advanceTimersByTimeAsync(30_000);
    expect(server.requests).toHaveLength(0);
    expect(watcher.getState()).toMatchObject({ phase: "waiting", lastError: { kind: "offline" } });
    offline = false;
    await jest.advanceTimersByTimeAsync(15_000);
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it("pauses while the page is hidden and polls when it is shown again", async () => {
    let hidden = false;
    const listeners = new Set<() => void>();
    const visibility: Visibility = { hidden: () => hidden, subscribe: (l) => (listeners.add(l), () => listeners.delete(l)) };
    const { server, watcher } = setup({ visibility });
    await jest.advanceTimersByTimeAsync(5_000);
    expect(server.requests).toHaveLength(1);
    hidden = true;
    listeners.forEach((l) => l());
    expect(watcher.getState()).toMatchObject({ phase: "waiting", paused: true });
    await jest.advanceTimersByTimeAsync(120_000);
    expect(server.requests).toHaveLength(1);
    hidden = false;
    listeners.forEach((l) => l());
    await jest.advanceTimersByTimeAsync(0);
    expect(server.requests).toHaveLength(2);
    expect(watcher.getState()).toMatchObject({ phase: "waiting", paused: false });
  });
});
