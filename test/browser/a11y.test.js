"use strict";
/**
 * Keyboard only: Tab reaches every link, button and field of the control, Enter and Space activate
 * Recheck and the collapsible sections. axe-core on each state of the page (the control and the page
 * around it): no serious or critical violation. The counts by impact go to out/playground/axe.json.
 */
const fs = require("fs");
const path = require("path");
const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const s = require("./support");

const EN = s.strings(1033);
const SEVERE = ["serious", "critical"];

describe("keyboard only", () => {
  let browser;
  let page;
  let problems;
  const NAME = "Several problems — Miriam Graham";

  before(async () => {
    browser = await s.launch();
    ({ page, problems } = await s.openPage(browser, "react=development"));
    await s.openMailbox(page, NAME);
  });
  after(async () => {
    await browser?.close();
  });

  /** Tab from just before the control until focus leaves it; returns a description of each stop. */
  async function tabThroughControl() {
    await page.evaluate(() => {
      const label = document.getElementById("field-label");
      label.tabIndex = -1;
      label.focus();
    });
    const stops = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate(() => {
        const el = document.activeElement;
        const host = document.querySelector('[data-testid="control-host"]');
        if (!el || !host.contains(el)) return null;
        el.setAttribute("data-tab-stop", "1");
        return `${el.tagName.toLowerCase()}:${el.getAttribute("aria-label") || el.innerText.replace(/[\u25B8\u25BE]/g, "").trim() || el.getAttribute("type")}`;
      });
      if (stop === null) break;
      stops.push(stop);
    }
    const missed = await page.evaluate(() => {
      const host = document.querySelector('[data-testid="control-host"]');
      const focusable = host.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])');
      const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
      const out = [...focusable].filter((el) => visible(el) && !el.hasAttribute("data-tab-stop")).map((el) => el.outerHTML.slice(0, 120));
      for (const el of host.querySelectorAll("[data-tab-stop]")) el.removeAttribute("data-tab-stop");
      return out;
    });
    return { stops, missed };
  }

  it("Tab reaches the field, every link and every button of the control, in reading order", async () => {
    const { stops, missed } = await tabThroughControl();
    assert.deepEqual(missed, [], "every focusable element is reached");
    assert.match(stops[0], /^input:/, "the field first");
    // Then the headline: its link to Microsoft's article and Recheck.
    assert.ok(stops.slice(1, 3).includes(`button:${EN.text("Action_Recheck_Label", { name: NAME })}`), "then Recheck");
    const links = await s.control(page).locator("a[href]").count();
    assert.ok(links >= 2, `${links} links`);
    assert.equal(stops.filter((x) => x.startsWith("a:")).length, links);
    assert.ok(stops.filter((x) => /^button:/.test(x)).length >= 7, "each finding's toggle");
    assert.ok(stops.some((x) => /^button:Passed \(\d+\)$/.test(x)), "the passed checks' toggle");
  });

  it("Enter and Space on Recheck run the checks again; focus stays on Recheck", async () => {
    const recheck = s.control(page).getByRole("button", { name: EN.text("Action_Recheck_Label", { name: NAME }) });
    await recheck.focus();
    for (const key of ["Enter", "Space"]) {
      const sent = await s.requestCount(page);
      await page.keyboard.press(key);
      await s.waitForVerdict(page);
      assert.equal((await s.requestCount(page)) - sent, 5, `${key} ran one check`);
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-label")), EN.text("Action_Recheck_Label", { name: NAME }));
    }
    assert.deepEqual(problems, []);
  });

  it("Enter and Space open and close the passed checks, and their checks can be reached", async () => {
    const toggle = s.control(page).getByRole("button", { name: /^Passed \(\d+\)$/ });
    await toggle.focus();
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    await page.keyboard.press("Enter");
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    assert.ok(await s.control(page).getByTestId("section-ok").isVisible());
    await page.keyboard.press("Space");
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    assert.equal(await s.control(page).getByTestId("section-ok").count(), 0);
  });

  it("the page's own settings work from the keyboard: a mailbox is chosen without the mouse", async () => {
    await page.locator("#mailbox").focus();
    await page.keyboard.press("Home");
    const verdict = await s.waitForVerdict(page);
    assert.equal(await page.locator("#form-title").innerText(), "Healthy user — Alex Wilber");
    assert.equal(verdict.status, "ok");
    assert.deepEqual(problems, []);
  });
});

describe("axe-core on every state", () => {
  let browser;
  const results = [];
  const STATES = [
    ["a problem mailbox, light, wide", { mailbox: "Several problems — Miriam Graham" }],
    ["a healthy mailbox with its passed checks open", { mailbox: "Healthy user — Alex Wilber", query: "showPassedChecks=1" }],
    ["a problem mailbox, dark", { mailbox: "Several problems — Miriam Graham", query: "theme=dark" }],
    ["a healthy mailbox, dark, passed checks open", { mailbox: "Healthy queue — Support", query: "theme=dark&showPassedChecks=1" }],
    ["a problem mailbox, 300 px", { mailbox: "Cause 2 — hybrid profile for an Exchange Online mailbox", query: "width=narrow" }],
    ["a problem mailbox, 300 px, dark", { mailbox: "Cause 4 — profile for another tenant's Exchange Online", query: "width=narrow&theme=dark" }],
    ["Czech", { mailbox: "Cause 5 — Basic authentication to on-premises EWS", query: "lang=cs" }],
    ["no fluentDesignLanguage", { mailbox: "Cause 3 — no Exchange Online licence", query: "theme=none" }],
    ["read-only form", { mailbox: "Cause 6 — user deleted and re-created", query: "readonly=1" }],
    ["no read privilege on profiles", { mailbox: "Healthy user — Alex Wilber", query: "faults=privilege" }],
    ["server error", { mailbox: "Healthy user — Alex Wilber", query: "faults=server", failure: true }],
    ["server error, dark", { mailbox: "Healthy user — Alex Wilber", query: "faults=server&theme=dark", failure: true }],
    ["throttled", { mailbox: "Healthy user — Alex Wilber", query: "faults=throttle", failure: true }],
    ["offline", { mailbox: "Healthy user — Alex Wilber", query: "faults=offline", failure: true }],
    ["record not saved", { mailbox: "Healthy user — Alex Wilber", query: "faults=notSaved", notSaved: true }],
    ["on demand (Check when the form opens: off)", { mailbox: "Healthy user — Alex Wilber", query: "runOnLoad=0", onDemand: true }],
    ["on demand, Czech", { mailbox: "Healthy user — Alex Wilber", query: "runOnLoad=0&lang=cs", onDemand: true }],
  ];

  before(async () => {
    browser = await s.launch();
  });
  after(async () => {
    await browser?.close();
    const summary = {};
    for (const r of results) for (const v of r.violations) summary[v.impact] = (summary[v.impact] || 0) + v.nodes;
    const file = path.join(s.ROOT, "out", "playground", "axe.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ states: results.length, byImpact: summary, results }, null, 2) + "\n");
  });

  for (const [label, state] of STATES) {
    it(label, async (t) => {
      const ids = await mailboxIds(browser);
      const query = `mailbox=${ids[state.mailbox]}${state.query ? `&${state.query}` : ""}`;
      const { page, problems } = await s.openPage(browser, query, { waitForVerdict: !state.failure && !state.notSaved && !state.onDemand });
      if (state.failure) await s.control(page).getByRole("button", { name: EN.text("Action_Retry") }).waitFor();
      if (state.notSaved) await s.control(page).getByText(EN.text("State_NotSaved")).waitFor();
      if (state.onDemand) await s.control(page).getByTestId("verdict").waitFor();
      const violations = await s.axe(page);
      results.push({ state: label, violations });
      for (const v of violations) t.diagnostic(`${v.impact}: ${v.id} (${v.nodes}) ${v.targets.join(", ")}`);
      const severe = violations.filter((v) => SEVERE.includes(v.impact));
      assert.deepEqual(severe.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(", ")} — ${v.summary}`), []);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it("sent nothing outside 127.0.0.1", () => {
    assert.deepEqual(browser.external, []);
  });
});

let idsByName;
/** Mailbox name → id, read once from the page. */
async function mailboxIds(browser) {
  if (idsByName) return idsByName;
  const { page } = await s.openPage(browser, "", { waitForVerdict: false });
  idsByName = await page.evaluate(() => Object.fromEntries(window.playground.app.org.mailboxes().map((m) => [m.name, m.id])));
  await page.close();
  return idsByName;
}
