"use strict";
/**
 * The loop on the form: see the cause → fix it under "Edit the org" → Test & Enable → the playground's
 * server-side sync runs the test (?sssDelay=1) → the control notices and shows the new verdict by itself.
 * Every write the page answered is counted from window.mailboxHealthPlayground.calls: exactly one per
 * confirmed action, none otherwise.
 */
const assert = require("node:assert/strict");
const { describe, it, before, after } = require("node:test");
const s = require("./support");

const EN = s.strings(1033);
const CS = s.strings(1029);
/** The first poll comes 5 s after the request; the demo's test runs after 1 s. */
const LOOP_TIMEOUT = 20000;

const CAUSE_1 = "Cause 1 — mailbox address differs from the user's";
const CAUSE_2 = "Cause 2 — hybrid profile for an Exchange Online mailbox";
const CAUSE_5 = "Cause 5 — Basic authentication to on-premises EWS";
const PENDING = "Pending approval — Grady Archie";
const HEALTHY = "Healthy user — Alex Wilber";

/** Sets a fault through the page's own state (the checkbox under Faults shows it). */
const fault = (page, name, on) => page.evaluate(([n, v]) => window.playground.app.set({ faults: { [n]: v } }), [name, on]);
const writes = (page) => page.evaluate(() => window.mailboxHealthPlayground.calls.filter((c) => c.method !== "GET"));
const calls = (page) => page.evaluate(() => window.mailboxHealthPlayground.calls.length);
const mailboxId = (page) => page.locator("#mailbox").inputValue();

async function openDialog(page, name, action = "Loop_TestEnable_Label", t = EN) {
  await s.control(page).getByRole("button", { name: t.text(action, { name }) }).click();
  return dialogOf(page);
}

/** Fluent's Dialog: role "alertdialog" (it is blocking) on a wrapper; the visible box is .ms-Dialog-main. */
async function dialogOf(page) {
  const dialog = page.locator('[role="alertdialog"] .ms-Dialog-main');
  await dialog.waitFor();
  return dialog;
}

async function confirm(page, name, action = "Loop_TestEnable_Label") {
  const dialog = await openDialog(page, name, action);
  await dialog.getByTestId("confirm-action").click();
  await dialog.waitFor({ state: "detached" });
}

async function notice(page, timeout = LOOP_TIMEOUT) {
  const bar = s.control(page).getByTestId("loop-notice");
  await bar.waitFor({ timeout });
  return { kind: await bar.getAttribute("data-kind"), text: (await bar.innerText()).trim() };
}

describe("Test & Enable from the control, and the wait for its outcome", () => {
  let browser;
  let page;
  let problems;
  before(async () => {
    browser = await s.launch();
    ({ page, problems } = await s.openPage(browser, "sssDelay=1&react=development"));
  });
  after(async () => {
    await browser?.close();
  });

  it("cause 1: fix the address, Test & Enable, confirm: the finished test and a healthy verdict, one write", async () => {
    await s.openMailbox(page, CAUSE_1);
    assert.equal((await s.findings(page))["address-mismatch"], "problem");
    await page.locator("#edit-owner-address").click();
    const before = await writes(page);
    const dialog = await openDialog(page, CAUSE_1);
    const text = await dialog.innerText();
    assert.match(text, new RegExp(EN.text("Loop_Dialog_TestTitle").replace(/[?&]/g, "\\$&")));
    assert.ok(text.includes(EN.text("Loop_Dialog_TestAsync")), "the dialog says the server runs it asynchronously");
    assert.ok(text.includes("incoming email, outgoing email and appointments, contacts and tasks"), "the dialog names the directions");
    assert.deepEqual(await writes(page), before, "opening the dialog writes nothing");
    await dialog.getByTestId("confirm-action").click();
    await s.control(page).getByTestId("loop-waiting").waitFor();
    assert.match(await s.control(page).getByTestId("loop-waiting").innerText(), /Test & Enable requested just now: waiting for server-side synchronization/);
    const result = await notice(page);
    assert.equal(result.kind, "test-finished");
    assert.equal(result.text, EN.text("Loop_Finished", { results: "incoming email: Success, outgoing email: Success, appointments, contacts and tasks: Success" }));
    assert.equal(await s.control(page).getByTestId("loop-announcement").innerText(), result.text);
    assert.deepEqual(await s.waitForVerdict(page), { status: "ok", text: EN.text("Verdict_None") });
    const written = (await writes(page)).slice(before.length);
    assert.deepEqual(written, [{ method: "PATCH", table: "mailbox", id: await mailboxId(page), body: { testemailconfigurationscheduled: true } }]);
    assert.deepEqual(problems, []);
  });

  it("an unfixed cause fails again, with a new alert naming it, and the verdict stays a problem", async () => {
    await s.openMailbox(page, CAUSE_2);
    const before = (await writes(page)).length;
    await confirm(page, CAUSE_2);
    const result = await notice(page);
    assert.equal(result.kind, "test-finished");
    assert.match(result.text, /incoming email: Failure/);
    assert.equal((await s.waitForVerdict(page)).status, "problem");
    assert.equal((await s.findings(page))["hybrid-profile-for-exchange-online"], "problem");
    // The new alert is on the mailbox in the org, and the control lists it under its 401 alerts.
    await s.control(page).getByRole("button", { name: /^401 alerts/ }).click();
    assert.match(await s.control(page).getByTestId("alerts").innerText(), /Test & Enable failed for the mailbox Cause 2.*Exchange Server \(Hybrid\) profile/);
    assert.equal((await writes(page)).length - before, 1);
    assert.deepEqual(problems, []);
  });

  it("cause 5: the Hybrid Modern Auth profile, then Test & Enable from the control: healthy", async () => {
    await s.openMailbox(page, CAUSE_5);
    await page.locator("#edit-profile").selectOption({ label: "Contoso on-premises Exchange (Hybrid Modern Auth)" });
    await page.locator("#edit-profile-apply").click();
    const before = (await writes(page)).length;
    await confirm(page, CAUSE_5);
    assert.equal((await notice(page)).kind, "test-finished");
    assert.equal((await s.waitForVerdict(page)).status, "ok");
    assert.equal((await writes(page)).length - before, 1);
  });

  it("Cancel writes nothing and opens no wait", async () => {
    await s.openMailbox(page, HEALTHY);
    const before = (await writes(page)).length;
    const dialog = await openDialog(page, HEALTHY);
    await dialog.getByTestId("cancel-action").click();
    await dialog.waitFor({ state: "detached" });
    assert.equal(await s.control(page).getByTestId("loop-waiting").count(), 0);
    assert.equal((await writes(page)).length, before);
  });

  it("Test & Enable inside the open finding: Cancel writes nothing; confirmed, the same dialog writes once", async () => {
    await page.locator("#edit-reset").click();
    await s.openMailbox(page, CAUSE_1);
    const finding = s.control(page).locator('li[data-rule="address-mismatch"]');
    assert.equal(await finding.getAttribute("data-open"), "true");
    const step = finding.getByTestId("finding-test-enable");
    assert.equal(await step.innerText(), EN.text("Loop_TestEnable"));
    const before = (await writes(page)).length;
    await step.click();
    let dialog = await dialogOf(page);
    assert.ok((await dialog.innerText()).includes(EN.text("Loop_Dialog_TestAsync")), "the same confirmation as beside Recheck");
    await dialog.getByTestId("cancel-action").click();
    await dialog.waitFor({ state: "detached" });
    assert.equal((await writes(page)).length, before, "Cancel writes nothing");
    assert.equal(await s.control(page).getByTestId("loop-waiting").count(), 0);
    await step.click();
    dialog = await dialogOf(page);
    await dialog.getByTestId("confirm-action").click();
    await dialog.waitFor({ state: "detached" });
    await s.control(page).getByTestId("loop-waiting").waitFor();
    assert.equal(await step.isDisabled(), true, "disabled while the test is awaited");
    assert.equal(await step.evaluate((b) => b === document.activeElement), true, "the dialog gave focus back to the step, and it keeps it while disabled");
    assert.equal((await notice(page)).kind, "test-finished");
    const written = (await writes(page)).slice(before);
    assert.deepEqual(written, [{ method: "PATCH", table: "mailbox", id: await mailboxId(page), body: { testemailconfigurationscheduled: true } }]);
    assert.deepEqual(problems, []);
  });

  it("Stop waiting: no poll after it, and the control says the test still runs", async () => {
    await page.locator("#sss-delay").fill("600");
    await s.openMailbox(page, HEALTHY);
    await confirm(page, HEALTHY);
    await s.control(page).getByTestId("action-stop-waiting").click();
    const result = await notice(page);
    assert.deepEqual(result, { kind: "stopped", text: EN.text("Loop_Stopped") });
    const sent = await calls(page);
    await page.waitForTimeout(6000);
    assert.equal(await calls(page), sent, "no request after Stop waiting");
    // A second click while nothing runs opens the dialog again: the action is available again.
    assert.equal(await s.control(page).getByTestId("action-test-enable").isEnabled(), true);
  });

  it("changing the mailbox while waiting stops the wait: nothing more is read about the old one", async () => {
    await page.locator("#edit-reset").click();
    await s.openMailbox(page, HEALTHY);
    const old = await mailboxId(page);
    await confirm(page, HEALTHY);
    await s.control(page).getByTestId("loop-waiting").waitFor();
    await s.openMailbox(page, CAUSE_1);
    await page.waitForTimeout(6000);
    const late = await page.evaluate((id) => window.mailboxHealthPlayground.calls.filter((c) => c.id === id && c.method === "GET").length, old);
    const polls = await page.evaluate(
      (id) => window.mailboxHealthPlayground.calls.filter((c) => c.id === id && (c.options || "").includes("testemailconfigurationscheduled") && !(c.options || "").includes("$expand")).length,
      old,
    );
    assert.equal(polls, 0, "the old mailbox was never polled after the switch");
    assert.ok(late >= 1);
    assert.equal(await s.control(page).getByTestId("loop-waiting").count(), 0);
    await page.locator("#sss-delay").fill("1");
  });

  it("a second click while the wait runs does nothing: the buttons are disabled", async () => {
    await page.locator("#edit-reset").click();
    await s.openMailbox(page, HEALTHY);
    const before = (await writes(page)).length;
    await confirm(page, HEALTHY);
    await s.control(page).getByTestId("loop-waiting").waitFor();
    assert.equal(await s.control(page).getByTestId("action-test-enable").isDisabled(), true);
    await s.control(page).getByTestId("action-test-enable").click({ force: true });
    assert.equal(await page.getByRole("alertdialog").count(), 0);
    await notice(page);
    assert.equal((await writes(page)).length - before, 1);
  });

  it("throttling while polling: the wait says so and goes on, then finishes", async () => {
    await s.openMailbox(page, HEALTHY);
    await confirm(page, HEALTHY);
    await fault(page, "throttle", true);
    const waiting = s.control(page).getByTestId("loop-waiting");
    await page.waitForFunction(() => /Retry|limit|again|znovu/i.test(document.querySelector('[data-testid="loop-waiting"]')?.textContent || ""), null, { timeout: LOOP_TIMEOUT });
    assert.match(await waiting.innerText(), new RegExp(EN.text("Loop_PollFailed", { reason: EN.text("DataError_throttled") }).replace(/[()]/g, "\\$&")));
    assert.equal((await notice(page, 40000)).kind, "test-finished");
    const throttled = await page.evaluate(() => window.playground.app.requests.filter((r) => r.outcome === "429").length);
    assert.ok(throttled >= 1);
  });

  it("a refused write: the message, the diagnosis as it was, one write", async () => {
    await s.openMailbox(page, CAUSE_2);
    const verdictBefore = await s.waitForVerdict(page);
    await fault(page, "writeRefused", true);
    const before = (await writes(page)).length;
    await confirm(page, CAUSE_2);
    const result = await notice(page);
    assert.deepEqual(result, { kind: "write-failed", text: EN.text("Loop_Failed_privilege") });
    assert.deepEqual(await s.waitForVerdict(page), verdictBefore);
    assert.equal((await writes(page)).length - before, 1);
    await fault(page, "writeRefused", false);
  });

  it("Approve email: one write, and approval is no longer a problem; refused, it names the role", async () => {
    await s.openMailbox(page, PENDING);
    assert.equal((await s.findings(page))["email-approval"], "problem");
    await fault(page, "writeRefused", true);
    let before = (await writes(page)).length;
    const dialog = await openDialog(page, PENDING, "Loop_Approve_Label");
    assert.ok((await dialog.innerText()).includes(EN.text("Loop_Dialog_ApproveWho")));
    await dialog.getByTestId("confirm-action").click();
    assert.deepEqual(await notice(page), { kind: "write-failed", text: EN.text("Loop_ApproveNeedsRole") });
    assert.equal((await writes(page)).length - before, 1);
    await fault(page, "writeRefused", false);
    before = (await writes(page)).length;
    await confirm(page, PENDING, "Loop_Approve_Label");
    assert.equal((await notice(page)).kind, "approved");
    await s.waitForVerdict(page);
    assert.notEqual((await s.findings(page))["email-approval"], "problem");
    const written = (await writes(page)).slice(before);
    assert.deepEqual(written, [{ method: "PATCH", table: "mailbox", id: await mailboxId(page), body: { emailrouteraccessapproval: 1 } }]);
    assert.deepEqual(problems, []);
  });

  it("on a read-only form the actions are disabled, with the reason", async () => {
    await page.evaluate(() => window.playground.app.set({ readOnly: true }));
    await s.openMailbox(page, CAUSE_1);
    assert.equal(await s.control(page).getByTestId("action-test-enable").isDisabled(), true);
    assert.equal(await s.control(page).getByTestId("loop-blocked").innerText(), EN.text("Loop_Blocked_read-only"));
    await page.evaluate(() => window.playground.app.set({ readOnly: false }));
    await fault(page, "noWritePrivilege", true);
    assert.equal(await s.control(page).getByTestId("loop-blocked").innerText(), EN.text("Loop_Blocked_no-write-privilege"));
    await fault(page, "noWritePrivilege", false);
  });
});

describe("the loop by keyboard, in Czech, with axe, and its screenshots", () => {
  let browser;
  let page;
  let problems;
  before(async () => {
    browser = await s.launch();
    ({ page, problems } = await s.openPage(browser, "sssDelay=2&react=development"));
  });
  after(async () => {
    await browser?.close();
  });

  it("keyboard only: Tab to Test & Enable, Enter, the dialog takes focus, Enter confirms", async () => {
    await s.openMailbox(page, CAUSE_1);
    await page.locator("#edit-owner-address").click();
    const before = (await writes(page)).length;
    const button = s.control(page).getByTestId("action-test-enable");
    await s.control(page).getByRole("button", { name: EN.text("Action_Recheck_Label", { name: CAUSE_1 }) }).focus();
    await page.keyboard.press("Tab");
    assert.equal(await button.evaluate((b) => b === document.activeElement), true, "Tab goes from Recheck to Test & Enable");
    await page.keyboard.press("Enter");
    const dialog = await dialogOf(page);
    await page.waitForFunction(() => document.activeElement && document.activeElement.closest('[role="alertdialog"]'));
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute("data-testid")), "confirm-action", "focus starts on the confirming button");
    assert.deepEqual(await s.axe(page), [], "axe on the dialog");
    await s.saveScreenshot(dialog, "loop-dialog.png");
    await page.keyboard.press("Enter");
    await dialog.waitFor({ state: "detached" });
    await s.control(page).getByTestId("loop-waiting").waitFor();
    // The dialog gives focus back to Test & Enable, which stays focused while it is disabled by the wait:
    // browsers move focus off an element that turns disabled, and a keyboard user would start again at the top.
    assert.equal(await button.evaluate((b) => b === document.activeElement), true, "focus back on Test & Enable");
    assert.deepEqual(await s.axe(page, { include: '[data-testid="control-host"]' }), [], "axe on the waiting state");
    await s.saveScreenshot(s.control(page), "loop-waiting.png");
    assert.equal((await notice(page)).kind, "test-finished");
    assert.equal((await s.waitForVerdict(page)).status, "ok");
    await s.saveScreenshot(s.control(page), "loop-finished.png");
    assert.equal((await writes(page)).length - before, 1);
    assert.deepEqual(problems, []);
  });

  it("Escape closes the dialog without a write", async () => {
    const before = (await writes(page)).length;
    await openDialog(page, CAUSE_1);
    await page.keyboard.press("Escape");
    await page.locator('[role="alertdialog"]').waitFor({ state: "detached" });
    assert.equal((await writes(page)).length, before);
  });

  it("in Czech: the buttons, the dialog, the wait and the outcome", async () => {
    await page.locator("#edit-reset").click();
    await s.select(page, "lang", "cs");
    await s.openMailbox(page, CAUSE_1);
    await page.locator("#edit-owner-address").click();
    const dialog = await openDialog(page, CAUSE_1, "Loop_TestEnable_Label", CS);
    const text = await dialog.innerText();
    assert.ok(text.includes(CS.text("Loop_Dialog_TestTitle")));
    assert.ok(text.includes("příchozí e-maily, odchozí e-maily a schůzky, kontakty a úkoly"));
    await dialog.getByRole("button", { name: CS.text("Loop_TestEnable") }).click();
    await s.control(page).getByTestId("loop-waiting").waitFor();
    assert.match(await s.control(page).getByTestId("loop-waiting").innerText(), /Otestování a povolení vyžádáno právě teď/);
    assert.equal(
      (await notice(page)).text,
      CS.text("Loop_Finished", { results: "příchozí e-maily: Úspěch, odchozí e-maily: Úspěch, schůzky, kontakty a úkoly: Úspěch" }),
    );
    await s.assertNoRawKeys(page, assert);
    await s.select(page, "lang", "en");
    assert.deepEqual(problems, []);
  });
});
