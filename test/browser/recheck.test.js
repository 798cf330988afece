"use strict";
/**
 * Recheck after an edit: the "Edit the org" panel (or the form's own field and Save) changes the demo
 * org, and Recheck turns the problem into a pass. React's development build.
 */
const assert = require("node:assert/strict");
const { describe, it } = require("node:test");
const s = require("./support");

const EN = s.strings(1033);

describe("Recheck after editing the org", () => {
  let browser;
  let page;
  let problems;
  s.usePage("react=development", (opened) => ({ browser, page, problems } = opened));

  const recheck = async (name) => {
    const sent = await s.requestCount(page);
    await s.control(page).getByRole("button", { name: EN.text("Action_Recheck_Label", { name }) }).click();
    const verdict = await s.waitForVerdict(page);
    assert.equal((await s.requestCount(page)) - sent, 5, "one check, five requests");
    return verdict;
  };

  it("cause 1: the owner's address, then a successful Test & Enable: no problems", async () => {
    const name = "Cause 1 — mailbox address differs from the user's";
    await s.openMailbox(page, name);
    assert.equal((await s.findings(page))["address-mismatch"], "problem");

    await page.locator("#edit-owner-address").click();
    assert.match(await page.locator("#edit-status").innerText(), /adele\.vance@contoso\.com/);
    // The form shows the record's new address; the control's verdict waits for Recheck.
    assert.equal(await s.control(page).getByRole("textbox").inputValue(), "adele.vance@contoso.com");
    assert.equal((await s.findings(page))["address-mismatch"], "problem");

    const fixed = await recheck(name);
    assert.notEqual((await s.findings(page))["address-mismatch"], "problem");
    assert.equal(fixed.status, "unverified");

    await page.locator("#edit-test-enable").click();
    const healthy = await recheck(name);
    assert.deepEqual(healthy, { status: "ok", text: EN.text("Verdict_None") });
    assert.deepEqual(problems, []);
  });

  it("cause 2: switching to the Exchange Online profile and testing clears the hybrid-profile problem", async () => {
    const name = "Cause 2 — hybrid profile for an Exchange Online mailbox";
    await s.openMailbox(page, name);
    assert.equal((await s.findings(page))["hybrid-profile-for-exchange-online"], "problem");
    await page.locator("#edit-profile").selectOption({ label: "Microsoft Exchange Online" });
    await page.locator("#edit-profile-apply").click();
    await page.locator("#edit-test-enable").click();
    assert.deepEqual(await recheck(name), { status: "ok", text: EN.text("Verdict_None") });
    assert.deepEqual(problems, []);
  });

  it("cause 5: the Hybrid Modern Auth profile instead of Basic", async () => {
    const name = "Cause 5 — Basic authentication to on-premises EWS";
    await s.openMailbox(page, name);
    assert.equal((await s.findings(page))["ews-basic-auth"], "problem");
    await page.locator("#edit-profile").selectOption({ label: "Contoso on-premises Exchange (Hybrid Modern Auth)" });
    await page.locator("#edit-profile-apply").click();
    await page.locator("#edit-test-enable").click();
    assert.deepEqual(await recheck(name), { status: "ok", text: EN.text("Verdict_None") });
  });

  it("pending approval: approving the address", async () => {
    const name = "Pending approval — Grady Archie";
    await s.openMailbox(page, name);
    assert.equal((await s.findings(page))["email-approval"], "problem");
    await page.locator("#edit-approve").click();
    const verdict = await recheck(name);
    assert.equal(verdict.status, "unverified");
    assert.notEqual((await s.findings(page))["email-approval"], "problem");
  });

  it("disabled owner: enabling the user", async () => {
    const name = "Disabled owner — Patti Fernandez";
    await s.openMailbox(page, name);
    await page.locator("#edit-enable-owner").click();
    assert.deepEqual(await recheck(name), { status: "ok", text: EN.text("Verdict_None") });
  });

  it("the form's own field: type the address, Save, Recheck (notifyOutputChanged → getOutputs)", async () => {
    await page.locator("#edit-reset").click();
    const name = "Cause 1 — mailbox address differs from the user's";
    await s.openMailbox(page, name);
    const field = s.control(page).getByRole("textbox");
    await field.fill("adele.vance@contoso.com");
    assert.equal(await field.inputValue(), "adele.vance@contoso.com");
    assert.ok(await page.locator("#form-save").isEnabled());
    assert.match(await page.locator(".form-header").innerText(), /Unsaved changes/);
    // Until the record is saved, Recheck reads the saved address and says the field differs.
    await recheck(name);
    // The results say which address they are for: the saved one.
    await s.control(page).getByText(EN.text("Field_Unsaved", { address: "adelev@contoso.com" })).waitFor();
    assert.equal((await s.findings(page))["address-mismatch"], "problem");

    await page.locator("#form-save").click();
    assert.ok(await page.locator("#form-save").isDisabled());
    await recheck(name);
    assert.notEqual((await s.findings(page))["address-mismatch"], "problem");
    assert.equal(await s.control(page).getByText(EN.text("Field_Unsaved", { address: "adelev@contoso.com" })).count(), 0);
    const calls = await page.evaluate(() => window.playground.app.lifecycle.map((e) => e.call));
    assert.ok(calls.includes("getOutputs"));
    assert.deepEqual(problems, []);
  });

  it("Reset puts the demo org back", async () => {
    const name = "Disabled owner — Patti Fernandez";
    await s.openMailbox(page, name);
    await page.locator("#edit-reset").click();
    const verdict = await recheck(name);
    assert.equal(verdict.status, "problem");
    assert.equal((await s.findings(page))["owner-state"], "problem");
    assert.deepEqual(problems, []);
    assert.deepEqual(browser.external, []);
  });
});
