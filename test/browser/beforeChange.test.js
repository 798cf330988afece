"use strict";
/**
 * A 401 from before the latest change: every edit of the playground's org sets the row's `modifiedon` to
 * the page's time, as Dataverse does. After the address of Cause 1 is fixed, Recheck shows its 401 alert
 * as from before the change, and the headline no longer says Exchange answers 401. A Test & Enable that
 * fails writes a new alert, newer than the change: the 401 is proof again. React's development build.
 */
const assert = require("node:assert/strict");
const { describe, it } = require("node:test");
const s = require("./support");

const EN = s.strings(1033);
const CAUSE_1 = "Cause 1 — mailbox address differs from the user's";
const CAUSE_5 = "Cause 5 — Basic authentication to on-premises EWS";
/** The sentence up to its first placeholder: "This 401 is from before the latest change to the". */
const BEFORE_CHANGE = EN.text("Alert401_BeforeChange").split("{")[0].trim();
const STILL_401 = EN.text("AddressMismatch_MatchBut401").split(".")[0];

describe("a 401 alert from before the latest change", () => {
  let page;
  let problems;
  s.usePage("react=development&sssDelay=1", (opened) => ({ page, problems } = opened));

  const recheck = async (name) => {
    await s.control(page).getByRole("button", { name: EN.text("Action_Recheck_Label", { name }) }).click();
    return s.waitForVerdict(page);
  };
  const text = () => s.control(page).innerText();
  const row = (name) => page.evaluate((n) => {
    const org = window.playground.app.org;
    const m = org.mailboxes().find((x) => x.name === n);
    return org.mailbox(m.id);
  }, name);

  it("cause 1: the address fixed under Edit the org, Recheck: from before the change to the mailbox, not proof", async () => {
    await s.openMailbox(page, CAUSE_1);
    assert.equal((await s.findings(page))["address-mismatch"], "problem");
    await page.locator("#edit-owner-address").click();
    const mailbox = await row(CAUSE_1);
    const now = await page.evaluate(() => Date.now());
    assert.ok(Math.abs(Date.parse(mailbox.modifiedon) - now) < 5000, `modifiedon ${mailbox.modifiedon} is the page's time`);

    const verdict = await recheck(CAUSE_1);
    assert.equal(verdict.status, "unverified");
    assert.equal((await s.findings(page))["address-mismatch"], "unverified");
    const shown = await text();
    assert.ok(shown.includes(`${BEFORE_CHANGE} mailbox on `), "the finding says the 401 is from before the change to the mailbox");
    assert.ok(!shown.includes(STILL_401), "nothing says Exchange still answers 401");
    assert.equal((await s.control(page).getByTestId("headline").innerText()).includes(EN.text("Why_BeforeChange")), true);
    assert.ok(!shown.includes(EN.text("Why_MatchingAlert").split("(")[0].trim()), "no cause is ranked by the old alert");
    // The alert list marks the alert the same way.
    await s.control(page).getByRole("button", { name: /^401 alerts/ }).click();
    assert.ok((await s.control(page).getByTestId("alerts").innerText()).includes(EN.text("Alert_BeforeChange")));
    assert.deepEqual(problems, []);
  });

  it("cause 1: an edit of the user after the address: the finding names the user's change", async () => {
    await page.locator("#edit-reset").click();
    await s.openMailbox(page, CAUSE_1);
    await page.locator("#edit-owner-address").click();
    // modifiedon has whole seconds: the user's change comes a second later.
    await page.waitForTimeout(1100);
    await page.evaluate(() => window.playground.app.edit("Access mode set to Read-Write.", (org, m) => org.readWrite(m)));
    const user = await page.evaluate(() => {
      const org = window.playground.app.org;
      return org.owner(org.mailbox(window.playground.app.settings.mailboxId)).row.modifiedon;
    });
    assert.ok(Date.parse(user) > Date.parse((await row(CAUSE_1)).modifiedon), "the user changed after the mailbox");
    await recheck(CAUSE_1);
    assert.ok((await text()).includes(`${BEFORE_CHANGE} user on `));
    assert.deepEqual(problems, []);
  });

  it("cause 5: Test & Enable from the control fails again, and its new alert is newer than the change: a problem", async () => {
    await page.locator("#edit-reset").click();
    await s.openMailbox(page, CAUSE_5);
    assert.equal((await s.findings(page))["ews-basic-auth"], "problem");
    await s.control(page).getByRole("button", { name: EN.text("Loop_TestEnable_Label", { name: CAUSE_5 }) }).click();
    const dialog = page.locator('[role="alertdialog"] .ms-Dialog-main');
    await dialog.getByTestId("confirm-action").click();
    const notice = s.control(page).getByTestId("loop-notice");
    await notice.waitFor({ timeout: 20000 });
    assert.match(await notice.innerText(), /Failure/);
    // The control's write set the mailbox's modifiedon; the failed test's alert came after it.
    const mailbox = await row(CAUSE_5);
    const newest = await page.evaluate((id) => {
      const logs = window.playground.app.org.dump.tracelogs.filter((t) => t._regardingobjectid_value === id);
      return logs.map((t) => t.modifiedon).sort().pop();
    }, mailbox.mailboxid);
    assert.ok(Date.parse(newest) > Date.parse(mailbox.modifiedon), `alert ${newest}, change ${mailbox.modifiedon}`);
    assert.equal((await s.waitForVerdict(page)).status, "problem");
    assert.equal((await s.findings(page))["ews-basic-auth"], "problem");
    assert.ok(!(await text()).includes(BEFORE_CHANGE), "the new alert is not from before the change");
    assert.deepEqual(problems, []);
  });
});
