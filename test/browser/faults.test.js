"use strict";
/**
 * Every fault the page injects: the control says what happened (in its resx wording), keeps the field,
 * and its retry works once the fault is gone. Never a blank control, an uncaught error or a console
 * error. React's development build.
 */
const assert = require("node:assert/strict");
const { beforeEach, describe, it } = require("node:test");
const s = require("./support");

const EN = s.strings(1033);
const NAME = "Healthy user — Alex Wilber";

describe("faults", () => {
  let browser;
  let page;
  let problems;
  s.usePage("react=development", (opened) => ({ browser, page, problems } = opened));
  beforeEach(async () => {
    // A clean form on the healthy mailbox, no fault.
    for (const f of ["privilege", "server", "slow", "offline", "networkLost", "notSaved"]) await s.check(page, `fault-${f}`, false);
    await s.openMailbox(page, "Cause 1 — mailbox address differs from the user's");
    await s.openMailbox(page, NAME);
  });

  const host = () => s.control(page);
  const recheckButton = () => host().getByRole("button", { name: EN.text("Action_Recheck_Label", { name: NAME }) });
  const retryButton = () => host().getByRole("button", { name: EN.text("Action_Retry") });
  /** The message bar (the live region repeats the text for screen readers). */
  const message = (text) => host().locator('[role="region"], .ms-MessageBar').getByText(text, { exact: true }).first();

  async function assertNotBlank() {
    assert.ok(await host().getByRole("textbox").isVisible(), "the field is still there");
    assert.ok((await host().innerText()).trim().length > 0);
    await s.assertNoRawKeys(page, assert);
  }

  async function assertFailure(text) {
    await message(text).waitFor();
    const status = await host().getByTestId("announcement").innerText();
    assert.equal(status, text, "announced to screen readers");
    assert.ok(await retryButton().isVisible());
    await assertNotBlank();
  }

  it("no read privilege on email server profiles: those checks say why, the others run; Recheck after the grant", async () => {
    await s.check(page, "fault-privilege");
    await recheckButton().click();
    const verdict = await s.waitForVerdict(page);
    assert.equal(verdict.status, "unverified");
    // One card for the table, naming the privilege from Dataverse's error and the checks it blocks.
    const card = host().getByTestId("unreadable-profile");
    const text = await card.innerText();
    assert.ok(text.includes(EN.text("Unreadable_Title", { data: EN.text("Data_profile") })), text);
    assert.ok(text.includes("prvReadEmailServerProfile"), text);
    assert.ok((await card.locator("li[data-rule]").count()) > 1);
    assert.equal(await host().locator("[data-testid^=unreadable-]").count(), 1);
    assert.ok(await host().getByRole("button", { name: /^Passed \(\d+\)$/ }).isVisible(), "the other checks passed");
    const failed = await page.evaluate(() => window.playground.app.requests.filter((r) => r.outcome !== "ok").map((r) => r.table));
    assert.ok(failed.length > 0 && failed.every((t) => t === "mailbox" || t === "emailserverprofile"), failed.join());
    await assertNotBlank();

    await s.check(page, "fault-privilege", false);
    await recheckButton().click();
    assert.deepEqual(await s.waitForVerdict(page), { status: "ok", text: EN.text("Verdict_None") });
    assert.deepEqual(problems, []);
  });

  it("a server error (500): the reason, Try again while it lasts, and a verdict once it is gone", async () => {
    await s.check(page, "fault-server");
    await recheckButton().click();
    const text = EN.text("State_Failed", { reason: EN.text("DataError_server") });
    await assertFailure(text);
    // The last result stays on screen under the message.
    assert.equal((await s.verdict(page).innerText()).trim(), EN.text("Verdict_None"));

    await retryButton().click();
    await assertFailure(text);
    await s.check(page, "fault-server", false);
    await retryButton().click();
    assert.deepEqual(await s.waitForVerdict(page), { status: "ok", text: EN.text("Verdict_None") });
    assert.equal(await retryButton().count(), 0);
    assert.deepEqual(problems, []);
  });

  it("throttling (429 with Retry-After): says when to try again; Try again works after that", async () => {
    await s.check(page, "fault-throttle");
    await recheckButton().click();
    const throttled = host().getByText(/^Dynamics 365 is limiting requests right now\. Try again in [1-5] s\.$/).first();
    await throttled.waitFor();
    const text = await throttled.innerText();
    const seconds = Number(/in (\d+) s/.exec(text)[1]);
    assert.equal(text, EN.text("State_Throttled", { seconds }));
    // The message counts down; the screen reader hears it once.
    assert.match(await host().getByTestId("announcement").innerText(), /^Dynamics 365 is limiting requests right now\. Try again in [1-5] s\.$/);
    assert.ok(await retryButton().isVisible());
    // Disabled while the count runs: the message says when; focus may stay on it.
    assert.ok(await retryButton().isDisabled());
    await assertNotBlank();
    await host().getByText(EN.text("State_ThrottledOver")).first().waitFor({ timeout: 8000 });
    assert.ok(await retryButton().isEnabled());
    // Throttling ends by itself once Retry-After has passed.
    await page.waitForFunction(() => !document.getElementById("fault-throttle").checked, null, { timeout: 8000 });
    await retryButton().click();
    assert.deepEqual(await s.waitForVerdict(page), { status: "ok", text: EN.text("Verdict_None") });
    const outcomes = await page.evaluate(() => window.playground.app.requests.map((r) => r.outcome));
    assert.ok(outcomes.includes("429"));
    assert.deepEqual(problems, []);
  });

  it("a slow network: Checking…, Recheck busy, then the verdict", async () => {
    await s.check(page, "fault-slow");
    await recheckButton().click();
    await host().getByRole("button", { name: EN.text("Action_Recheck_Label", { name: NAME }), disabled: true }).waitFor();
    assert.equal(await recheckButton().getAttribute("aria-busy"), "true");
    assert.equal(await host().getByTestId("announcement").innerText(), EN.text("Status_Checking"));
    assert.deepEqual(await s.waitForVerdict(page, 10000), { status: "ok", text: EN.text("Verdict_None") });
    await s.check(page, "fault-slow", false);
    assert.deepEqual(problems, []);
  });

  it("offline (the app knows): says so, sends nothing, Try again once back online", async () => {
    await s.check(page, "fault-offline");
    const sent = await s.requestCount(page);
    await recheckButton().click();
    await assertFailure(EN.text("State_Offline"));
    assert.equal(await s.requestCount(page), sent, "no request while offline");
    await s.check(page, "fault-offline", false);
    await retryButton().click();
    assert.deepEqual(await s.waitForVerdict(page), { status: "ok", text: EN.text("Verdict_None") });
    assert.deepEqual(problems, []);
  });

  it("network lost (requests fail to fetch): says offline; Try again once the network is back", async () => {
    await s.check(page, "fault-networkLost");
    const sent = await s.requestCount(page);
    await recheckButton().click();
    await assertFailure(EN.text("State_Offline"));
    assert.ok((await s.requestCount(page)) > sent, "the requests were sent and failed");
    await s.check(page, "fault-networkLost", false);
    await retryButton().click();
    assert.deepEqual(await s.waitForVerdict(page), { status: "ok", text: EN.text("Verdict_None") });
    assert.deepEqual(problems, []);
  });

  it("record not saved yet: asks to save first, sends nothing; Save runs the checks", async () => {
    const sent = await s.requestCount(page);
    await s.check(page, "fault-notSaved");
    await host().getByText(EN.text("State_NotSaved")).waitFor();
    assert.equal(await host().getByTestId("verdict").count(), 0);
    assert.equal(await recheckButton().count(), 0);
    assert.equal(await s.requestCount(page), sent);
    await assertNotBlank();
    await page.locator("#form-save").click();
    assert.deepEqual(await s.waitForVerdict(page), { status: "ok", text: EN.text("Verdict_None") });
    assert.ok(!(await page.locator("#fault-notSaved").isChecked()));
    assert.deepEqual(problems, []);
  });

  it("a read-only form: the field cannot be edited, the checks still run", async () => {
    await s.check(page, "readonly");
    const field = host().getByRole("textbox");
    assert.equal(await field.getAttribute("readonly"), "");
    await recheckButton().click();
    assert.deepEqual(await s.waitForVerdict(page), { status: "ok", text: EN.text("Verdict_None") });
    assert.ok(await page.locator("#form-save").isDisabled());
    await s.check(page, "readonly", false);
    assert.equal(await field.getAttribute("readonly"), null);
    assert.deepEqual(problems, []);
    assert.deepEqual(browser.external, []);
  });
});
