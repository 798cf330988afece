/**
 * Test & Enable and Approve Email from the control, without the view: nothing is written until the admin
 * confirms, exactly one write per confirmation, every refusal leaves the diagnosis as it was, the gate
 * blocks writes where the control may not make them, and the loop ends in a new diagnosis.
 */
import type { WriteBlock } from "../../MailboxHealth/diagnosis/actionGate";
import { writeBlock } from "../../MailboxHealth/diagnosis/actionGate";
import { DiagnosisController } from "../../MailboxHealth/diagnosis/controller";
import { LoopController } from "../../MailboxHealth/diagnosis/loop";
import { alertRow, ALERT_401_EN, healthyDump, IDS, mailboxRow } from "../support/rows";
import { FakeDataverse } from "./writeClient";

function setup(options: { blocked?: () => WriteBlock | null; mailbox?: Record<string, unknown> } = {}) {
  const server = new FakeDataverse(
    healthyDump({
      mailboxes: [mailboxRow({ incomingemailstatus: 2, ...options.mailbox })],
      tracelogs: [alertRow(ALERT_401_EN, { createdon: "2026-11-20T08:30:00Z", modifiedon: "2026-11-20T08:30:00Z" })],
    }),
  );
  let offline = false;
  const diagnosis = new DiagnosisController({ client: server, clientUrl: "https://contoso.crm4.dynamics.com", isOffline: () => offline });
  diagnosis.setMailbox(IDS.mailbox);
  const loop = new LoopController({
    diagnosis,
    client: server,
    writer: server,
    blocked: options.blocked ?? (() => null),
    isOffline: () => offline,
    timers: { setTimeout: (f, ms) => setTimeout(f, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
    now: () => Date.now(),
  });
  return { server, diagnosis, loop, setOffline: (v: boolean) => (offline = v) };
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date("2026-11-20T09:00:00Z") });
});
afterEach(() => {
  jest.useRealTimers();
});

describe("no write without the confirmed click", () => {
  it("checking, asking and cancelling write nothing", async () => {
    const { server, diagnosis, loop } = setup();
    await diagnosis.check();
    await diagnosis.check();
    loop.ask("test");
    expect(loop.getState().confirming).toBe("test");
    loop.cancel();
    loop.ask("approve");
    loop.cancel();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(server.writes).toHaveLength(0);
    expect(loop.getState()).toEqual({ confirming: null, writing: null, waiting: null, notice: null });
  });

  it("confirm without an open confirmation writes nothing", async () => {
    const { server, loop } = setup();
    await loop.confirm();
    expect(server.writes).toHaveLength(0);
  });

  it("one confirmation, one write; a second click while the write or the wait runs does nothing", async () => {
    const { server, diagnosis, loop } = setup();
    await diagnosis.check();
    loop.ask("test");
    const first = loop.confirm();
    expect(loop.getState().writing).toBe("test");
    loop.ask("test");
    void loop.confirm();
    loop.ask("approve");
    await first;
    expect(loop.getState().waiting).not.toBeNull();
    loop.ask("test");
    await loop.confirm();
    expect(loop.getState().confirming).toBeNull();
    expect(server.writes).toEqual([{ method: "PATCH", table: "mailbox", id: IDS.mailbox, body: { testemailconfigurationscheduled: true } }]);
  });
});

describe("a refused write", () => {
  const failures: [string, unknown, string, number | undefined][] = [
    ["403 privilege", { errorCode: 2147746336, code: "0x80040220", message: "missing prvWriteMailbox privilege" }, "privilege", undefined],
    ["412 precondition", { status: 412, message: "The version of the existing record doesn't match" }, "failed", 412],
    ["429 throttled", { status: 429, code: "0x80072322", message: "Number of requests exceeded the limit", retryAfterSeconds: 20 }, "throttled", 429],
    ["500 server error", { status: 500, message: "Generic SQL error." }, "server", 500],
    ["offline", new TypeError("Failed to fetch"), "offline", undefined],
  ];
  it.each(failures)("%s: says what happened, leaves the diagnosis as it was, and does not wait", async (_name, failure, kind, status) => {
    const { server, diagnosis, loop } = setup();
    await diagnosis.check();
    const before = diagnosis.getState();
    server.failNextWrite = failure;
    loop.ask("test");
    await loop.confirm();
    expect(loop.getState()).toMatchObject({ writing: null, waiting: null, notice: { kind: "write-failed", action: "test", error: { kind } } });
    const notice = loop.getState().notice as { error: { status?: number } };
    expect(notice.error.status).toBe(status);
    expect(diagnosis.getState()).toBe(before);
    const reads = server.requests.length;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(server.requests).toHaveLength(reads);
    // The admin may try again: one more confirmed click, one more write.
    loop.ask("test");
    await loop.confirm();
    expect(server.writes).toHaveLength(2);
  });

  it("Approve refused for want of the privilege or the Microsoft 365 role says so, as a privilege refusal", async () => {
    const { server, diagnosis, loop } = setup({ mailbox: { emailrouteraccessapproval: 2 } });
    await diagnosis.check();
    server.failNextWrite = {
      errorCode: 2147746336,
      code: "0x80040220",
      message: "Principal user is missing prvApproveRejectEmailAddress privilege",
    };
    loop.ask("approve");
    await loop.confirm();
    expect(loop.getState().notice).toMatchObject({ kind: "write-failed", action: "approve", error: { kind: "privilege" }, needsApprovalRole: true });
    expect(server.mailbox(IDS.mailbox)!.emailrouteraccessapproval).toBe(2);
  });
});

describe("where the control may not write", () => {
  it.each<WriteBlock>(["read-only", "not-saved", "offline", "no-write-privilege"])("%s: no confirmation opens and nothing is written", async (block) => {
    const { server, loop } = setup({ blocked: () => block });
    loop.ask("test");
    loop.ask("approve");
    await loop.confirm();
    expect(loop.getState().confirming).toBeNull();
    expect(server.writes).toHaveLength(0);
  });

  it("a block that comes after the confirmation opened still stops the write", async () => {
    let block: WriteBlock | null = null;
    const { server, loop } = setup({ blocked: () => block });
    loop.ask("test");
    block = "offline";
    await loop.confirm();
    expect(server.writes).toHaveLength(0);
  });

  it("the gate names the first reason, and an unknown privilege does not block", () => {
    expect(writeBlock({ readOnly: true, saved: false, offline: true, canWriteMailbox: false })).toBe("not-saved");
    expect(writeBlock({ readOnly: true, saved: true, offline: true, canWriteMailbox: false })).toBe("read-only");
    expect(writeBlock({ readOnly: false, saved: true, offline: true, canWriteMailbox: true })).toBe("offline");
    expect(writeBlock({ readOnly: false, saved: true, offline: false, canWriteMailbox: false })).toBe("no-write-privilege");
    expect(writeBlock({ readOnly: false, saved: true, offline: false, canWriteMailbox: undefined })).toBeNull();
  });
});

describe("the loop", () => {
  it("Test & Enable → wait → the server runs the test → a new diagnosis by itself, then the outcome", async () => {
    const { server, diagnosis, loop } = setup();
    await diagnosis.check();
    expect(diagnosis.getState()).toMatchObject({ phase: "done", result: { verdict: { status: "problem" } } });
    loop.ask("test");
    await loop.confirm();
    const row = server.mailbox(IDS.mailbox)!;
    setTimeout(() => {
      Object.assign(row, { testemailconfigurationscheduled: false, testmailboxaccesscompletedon: new Date().toISOString(), incomingemailstatus: 1 });
    }, 12_000);
    await jest.advanceTimersByTimeAsync(20_000);
    expect(loop.getState()).toMatchObject({ waiting: null, notice: { kind: "test-finished", outcome: { incoming: 1, outgoing: 1, act: 1 } } });
    const state = diagnosis.getState();
    expect(state.phase).toBe("done");
    if (state.phase === "done") expect(state.result.snapshot.mailbox.incomingStatus).toBe(1);
    expect(server.writes).toHaveLength(1);
  });

  it("a record change while waiting stops the wait: no more polls, nothing of the old record announced", async () => {
    const { server, diagnosis, loop } = setup();
    await diagnosis.check();
    loop.ask("test");
    await loop.confirm();
    await jest.advanceTimersByTimeAsync(6_000);
    loop.reset();
    const polled = server.polled;
    await jest.advanceTimersByTimeAsync(120_000);
    expect(server.polled).toBe(polled);
    expect(loop.getState()).toEqual({ confirming: null, writing: null, waiting: null, notice: null });
  });

  it("destroy while waiting: no request after it", async () => {
    const { server, diagnosis, loop } = setup();
    await diagnosis.check();
    loop.ask("test");
    await loop.confirm();
    loop.dispose();
    const made = server.requests.length;
    await jest.advanceTimersByTimeAsync(120_000);
    expect(server.requests).toHaveLength(made);
  });

  it("Approve: one write, then the checks run again and approval is no longer a problem", async () => {
    const { server, diagnosis, loop } = setup({ mailbox: { emailrouteraccessapproval: 2 } });
    await diagnosis.check();
    const finding = (s: ReturnType<typeof diagnosis.getState>) => (s.phase === "done" ? s.result.findings.find((f) => f.rule === "email-approval") : undefined);
    expect(finding(diagnosis.getState())?.status).toBe("problem");
    loop.ask("approve");
    await loop.confirm();
    expect(server.writes).toEqual([{ method: "PATCH", table: "mailbox", id: IDS.mailbox, body: { emailrouteraccessapproval: 1 } }]);
    expect(loop.getState().notice).toEqual({ kind: "approved" });
    expect(finding(diagnosis.getState())?.status).toBe("ok");
  });
});

describe("an approval refused for want of the Microsoft 365 role", () => {
  it("the platform's sentence, without a privilege code, is recognised as needing the role", async () => {
    const { server, diagnosis, loop } = setup({ mailbox: { emailrouteraccessapproval: 2 } });
    await diagnosis.check();
    server.failNextWrite = {
      errorCode: 2147746326,
      code: "0x80040216",
      message:
        "This email address can only be approved by a user with the Global Administrator or Exchange Administrator role in Office 365 or the Delegated Mailbox Approver role in Dynamics 365.",
    };
    loop.ask("approve");
    await loop.confirm();
    expect(loop.getState().notice).toMatchObject({ kind: "write-failed", action: "approve", needsApprovalRole: true });
  });

  it("a 500 on an approval is not a role refusal", async () => {
    const { server, diagnosis, loop } = setup({ mailbox: { emailrouteraccessapproval: 2 } });
    await diagnosis.check();
    server.failNextWrite = { status: 500, message: "Generic SQL error." };
    loop.ask("approve");
    await loop.confirm();
    expect(loop.getState().notice).toMatchObject({ kind: "write-failed", action: "approve", error: { kind: "server" } });
    expect((loop.getState().notice as { needsApprovalRole?: boolean }).needsApprovalRole).toBeUndefined();
  });
});
