"use strict";
/**
 * Every demo mailbox in the real control, in Chromium: the verdict and the findings of demo/README.md's
 * table, worded by the resx strings; each problem with its evidence, fix and links; the requests of
 * one check; and the lifecycle when the form switches to another mailbox. React's development build,
 * so that its warnings (console errors) fail the test too.
 */
const assert = require("node:assert/strict");
const { describe, it } = require("node:test");
const s = require("./support");

const TABLE = s.demoTable();
const EN = s.strings(1033);

describe("every demo mailbox, in English", () => {
  let browser;
  let page;
  let problems;
  s.usePage("react=development", (opened) => ({ browser, page, problems } = opened));

  it("the page lists the fourteen mailboxes of demo/README.md, in dump order", async () => {
    const names = await page.locator("#mailbox option").allInnerTexts();
    assert.deepEqual(names, Object.keys(TABLE));
    assert.equal(names.length, 14);
  });

  for (const [name, expected] of Object.entries(TABLE)) {
    it(name, async () => {
      const lifecycle = () => page.evaluate(() => window.playground.app.lifecycle.map((e) => e.call));
      const before = await lifecycle();
      // The page opens on the first mailbox: its check ran on load.
      const first = before.length === 2;
      const sent = first ? 0 : await s.requestCount(page);
      const verdict = await s.openMailbox(page, name);

      const counts = { problem: expected.problem.length, warning: expected.warning.length, unverified: expected.unverified.length };
      assert.equal(verdict.status, counts.problem ? "problem" : counts.warning ? "warning" : counts.unverified ? "unverified" : "ok");
      // The headline names a cause (the most likely problem, else the warning); the counts are announced.
      const named = counts.problem ? expected.problem : expected.warning;
      if (named.length) assert.ok(named.some((rule) => verdict.text.includes(EN.text(`Headline_${rule}`))), verdict.text);
      else assert.equal(verdict.text, EN.text("Verdict_None"));
      assert.ok((await s.control(page).getByTestId("announcement").innerText()).includes(EN.verdictText(counts)));

      const found = await s.findings(page);
      for (const status of ["problem", "warning", "unverified"]) {
        assert.deepEqual(s.rulesWith(found, status), expected[status], `${status} findings`);
      }
      const host = s.control(page);
      // Problems and warnings one line each in the list, the first problem open; checks to verify there
      // or under "If the problem remains".
      const list = host.getByTestId("findings");
      for (const rule of [...expected.problem, ...expected.warning]) assert.equal(await list.locator(`li[data-rule="${rule}"]`).count(), 1, rule);
      if (counts.problem) assert.equal(await list.locator("li[data-rule]").first().getAttribute("data-open"), "true");
      // Each problem, once opened: its title, what the data shows, how to fix it, and where.
      const shared = await host.getByTestId("shared-step").count();
      for (const rule of expected.problem) {
        const card = host.locator(`li[data-rule="${rule}"]`);
        assert.ok(await card.isVisible(), `${rule} is visible`);
        const toggle = card.locator("button[aria-expanded]");
        if ((await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
        assert.ok((await toggle.innerText()).includes(EN.text(`Rule_${rule}_Title`)));
        assert.ok((await card.locator("dl dt").count()) > 0, `${rule} shows evidence`);
        assert.ok((await card.locator("ol li").count()) + shared > 0, `${rule} shows steps`);
        assert.ok((await card.locator("a[href^='https://']").count()) + (await host.getByTestId("headline").locator("a").count()) > 0, `${rule} links somewhere`);
      }
      if (!counts.problem && !counts.warning && !counts.unverified) {
        assert.ok(await host.getByRole("button", { name: /^Passed \(\d+\)$/ }).isVisible());
      }
      assert.ok(await host.getByRole("button", { name: EN.text("Action_Recheck_Label", { name }) }).isVisible());
      await s.assertNoRawKeys(page, assert);

      // One check: five requests (the budget), the profile's alerts read on their own, and a new form
      // (destroy, init) unless it is the first. Every demo mailbox has a profile.
      assert.equal((await s.requestCount(page)) - sent, 5);
      const calls = (await lifecycle()).slice(before.length);
      if (!first) assert.deepEqual(calls.slice(0, 3), ["destroy", "init", "updateView"]);
      assert.deepEqual(problems, []);
    });
  }

  it("Recheck runs the checks again and shows the same verdict", async () => {
    const name = "Several problems — Miriam Graham";
    const first = await s.openMailbox(page, name);
    const sent = await s.requestCount(page);
    await s.control(page).getByRole("button", { name: EN.text("Action_Recheck_Label", { name }) }).click();
    assert.deepEqual(await s.waitForVerdict(page), first);
    assert.equal((await s.requestCount(page)) - sent, 5);
    assert.deepEqual(problems, []);
  });

  it("a link to an org record opens the record in the app (navigation.openForm), not a new tab", async () => {
    const name = "Disabled owner — Patti Fernandez";
    await s.openMailbox(page, name);
    const link = s.control(page).getByRole("link", { name: EN.text("Link_OpenUser") });
    const href = await link.getAttribute("href");
    assert.match(href, /^https:\/\/contoso-sales\.crm4\.dynamics\.com\/main\.aspx\?.*etn=systemuser&id=[0-9a-f-]{36}/);
    const tabs = page.context().pages().length;
    await link.click();
    const navigation = await page.evaluate(() => window.playground.app.navigations.at(-1));
    assert.equal(navigation.entityName, "systemuser");
    assert.match(navigation.entityId, /^[0-9a-f-]{36}$/);
    assert.equal(page.context().pages().length, tabs, "no new tab");
    assert.match(await page.locator("#last-navigation").innerText(), /navigation\.openForm\(systemuser, /);
  });

  it("sent nothing outside 127.0.0.1", () => {
    assert.deepEqual(browser.external, []);
    assert.deepEqual(problems, []);
  });
});
