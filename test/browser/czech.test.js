"use strict";
/**
 * The control in Czech (languageId 1029): the verdict with Czech plural forms, the sections, the
 * buttons and the dates come from MailboxHealth.1029.resx and cs-CZ formats; no English string of the
 * control and no unresolved key is left. React's development build.
 */
const assert = require("node:assert/strict");
const { describe, it } = require("node:test");
const s = require("./support");

const TABLE = s.demoTable();
const EN = s.strings(1033);
const CS = s.strings(1029);

/** English strings of the control that must not show when it is in Czech (they differ from the Czech). */
const ENGLISH_ONLY = ["Section_IfRemains", "Section_AfterFix", "Finding_Fix", "Action_Recheck", "Verdict_None"]
  .map((key) => EN.text(key))
  .filter((text, i, all) => all.indexOf(text) === i);

describe("in Czech", () => {
  let browser;
  let page;
  let problems;
  s.usePage("react=development&lang=cs", (opened) => ({ browser, page, problems } = opened));

  for (const name of [
    "Several problems — Miriam Graham",
    "Cause 4 — profile for another tenant's Exchange Online",
    "Cause 5 — Basic authentication to on-premises EWS",
    "Healthy user — Alex Wilber",
  ]) {
    it(name, async () => {
      const expected = TABLE[name];
      const verdict = await s.openMailbox(page, name);
      const counts = { problem: expected.problem.length, warning: expected.warning.length, unverified: expected.unverified.length };
      const named = counts.problem ? expected.problem : expected.warning;
      if (named.length) assert.ok(named.some((rule) => verdict.text.includes(CS.text(`Headline_${rule}`))), verdict.text);
      else assert.equal(verdict.text, CS.text("Verdict_None"));
      assert.ok((await s.control(page).getByTestId("announcement").innerText()).includes(CS.verdictText(counts)));
      const found = await s.findings(page);
      for (const status of ["problem", "warning", "unverified"]) assert.deepEqual(s.rulesWith(found, status), expected[status]);

      const host = s.control(page);
      assert.equal(await host.getAttribute("lang"), "cs");
      // The form labels the column in Czech, and the control names its input with the form's label.
      assert.equal(await page.locator("#field-label").innerText(), "E-mailová adresa");
      assert.ok(await host.getByRole("textbox", { name: "E-mailová adresa" }).isVisible());
      const text = await host.innerText();
      if (counts.problem) {
        assert.ok(text.includes(CS.text("Finding_Fix")));
        for (const rule of expected.problem) assert.ok(text.includes(CS.text(`Rule_${rule}_Title`)), rule);
      }
      assert.ok(await host.getByRole("button", { name: CS.text("Action_Recheck_Label", { name }) }).isVisible());
      assert.equal(await host.getByRole("button", { name: CS.text("Action_Recheck_Label", { name }) }).innerText(), CS.text("Action_Recheck"));
      assert.match(text, new RegExp(CS.text("Status_CheckedAt", { time: "9:00" }).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
      for (const english of ENGLISH_ONLY) assert.ok(!text.includes(english), `no English "${english}"`);
      await s.assertNoRawKeys(page, assert);
      assert.deepEqual(problems, []);
    });
  }

  it("alert dates in Czech format, Learn links in Czech", async () => {
    await s.openMailbox(page, "Cause 1 — mailbox address differs from the user's");
    await s.control(page).getByRole("button", { name: CS.text("Alerts_Toggle", { n: 1 }) }).click();
    const alerts = await s.control(page).getByTestId("alerts").innerText();
    assert.match(alerts, /\b20\. 11\. 2026\b/);
    const hrefs = await s.control(page).locator('a[href^="https://learn.microsoft.com/"]').evaluateAll((links) => links.map((a) => a.href));
    assert.ok(hrefs.length > 0);
    for (const href of hrefs) assert.match(href, /^https:\/\/learn\.microsoft\.com\/cs-cz\//);
  });

  it("a failure in Czech: the message and Try again", async () => {
    await page.locator("#fault-server").setChecked(true);
    const name = "Cause 1 — mailbox address differs from the user's";
    await s.control(page).getByRole("button", { name: CS.text("Action_Recheck_Label", { name }) }).click();
    await s.control(page).getByRole("button", { name: CS.text("Action_Retry") }).waitFor();
    assert.equal(await s.control(page).getByTestId("announcement").innerText(), CS.text("State_Failed", { reason: CS.text("DataError_server") }));
    await page.locator("#fault-server").setChecked(false);
    await s.control(page).getByRole("button", { name: CS.text("Action_Retry") }).click();
    assert.equal((await s.waitForVerdict(page)).status, "problem");
    assert.deepEqual(problems, []);
  });

  it("switching the language is an updateView, back to English", async () => {
    const before = await page.evaluate(() => window.playground.app.lifecycle.length);
    await page.locator("#lang").selectOption("en");
    const calls = await page.evaluate((n) => window.playground.app.lifecycle.slice(n).map((e) => e.call), before);
    assert.deepEqual(calls, ["updateView"]);
    assert.equal((await s.verdict(page).innerText()).trim(), EN.text("Headline_Cause", { cause: 1, problem: EN.text("Headline_address-mismatch") }));
    assert.equal(await s.control(page).getAttribute("lang"), "en");
    assert.deepEqual(problems, []);
    assert.deepEqual(browser.external, []);
  });
});
