"use strict";
/**
 * The control in Microsoft's own PCF test harness (pcf-start, real host code nobody here wrote), with no
 * internet: scripts/harness.js starts pcf-start on the built control and answers the page's two unpkg.com
 * requests (React, ReactDOM 16.14.0) from node_modules. Every other request that leaves 127.0.0.1 is
 * aborted; the only ones the page makes are the Segoe UI and icon fonts of the harness's Fluent, from
 * Microsoft's CDN, which then falls back to local fonts.
 *
 * The harness debounces notifyOutputChanged → getOutputs → updateView by 100 ms and never fills
 * updatedProperties: the two things the field must survive.
 */
const { describe, it, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { launchChromium, ROOT, TIMEOUT } = require("./support");
const { start } = require("../../scripts/harness.js");

/** The Fluent fonts the harness's Fluent 8 asks Microsoft's CDN for (and does without). */
const FONT_CDN = /^https:\/\/res(-1)?\.cdn\.office\.net\/files\/fabric-cdn-prod_\d+\.\d+\/assets\/(fonts|icons)\/[\w/.-]+\.woff2?$/;
/**
 * The harness's own React warnings, from its development build of React: its container gets width NaN
 * until a width is typed in, and its width box (an input of type number) starts uncontrolled. Their
 * component stacks are the harness's (rooted in its component `rh`); the control's production bundle
 * has no such warning, and its field is of type email.
 */
const HARNESS_WARNINGS = [
  /^Warning: `NaN` is an invalid value for the `%s` css style property\.%s width\s[\s\S]*\bin rh$/,
  /^Warning: A component is changing an uncontrolled input of type %s to be controlled\.[\s\S]*%s number\s[\s\S]*\bin rh$/,
];

describe("the control in Microsoft's pcf-start harness, offline", () => {
  let harness;
  let browser;
  let page;
  const problems = [];
  const dialogs = [];
  const figures = {};

  const control = () => page.getByTestId("mailbox-health");
  const field = () => control().locator("input").first();
  const output = () => page.locator("#accordion__panel-data_outputs .io-item", { has: page.locator(".key-value-pair-key", { hasText: /^emailAddress$/ }) }).locator(".key-value-pair-value");
  const inputPanelValue = () =>
    page.locator("#accordion__panel-data_inputs .io-item", { has: page.locator(".key-value-pair-value span", { hasText: /^emailAddress$/ }) }).locator('input[type="text"]');

  /** Selects the whole field, types `text` at `delay` ms a key, and waits for the harness's 100 ms debounce. */
  async function typeInField(text, delay) {
    await field().click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(text, { delay });
    await page.waitForTimeout(400);
    return field().inputValue();
  }

  before(async () => {
    const bundle = path.join(ROOT, "out", "controls", "MailboxHealth", "bundle.js");
    if (!fs.existsSync(bundle)) throw new Error("the control is not built (out/controls/MailboxHealth/bundle.js): run npm run playground:build or npm run build");
    harness = await start({ port: 0 });
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() !== "error") return;
      const text = m.text();
      // Blocked requests: checked against the list of external requests below.
      if (HARNESS_WARNINGS.some((w) => w.test(text)) || /^Failed to load resource: net::ERR_FAILED$/.test(text)) return;
      problems.push(`console.error: ${text}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    // The harness's webAPI raises an alert() before it rejects.
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      return d.dismiss();
    });
    await page.goto(harness.url, { waitUntil: "load" });
    await control().waitFor({ timeout: TIMEOUT });
  });

  after(async () => {
    await browser?.close();
    await harness?.close();
    if (Object.keys(figures).length) {
      fs.mkdirSync(path.join(ROOT, "out", "harness"), { recursive: true });
      fs.writeFileSync(path.join(ROOT, "out", "harness", "typing.json"), JSON.stringify({ pcfStart: harness?.version, ...figures }, null, 2) + "\n");
    }
  });

  it("renders: the field, one clear message, at most one request, no page error", async () => {
    const text =
      "does not say which table this record belongs to|neuvádí, do které tabulky tento záznam patří";
    // The harness merges every resx with the last declared winning: the strings are Czech there.
    await control().getByText(new RegExp(text)).first().waitFor();
    assert.equal(await field().inputValue(), "val", "the harness's default value of a bound text property");
    assert.equal(await control().locator(".ms-MessageBar").count(), 1, "one message");
    assert.ok(dialogs.length <= 1, `at most one request, each an alert() in the harness; got ${dialogs.length}: ${dialogs.join(" / ")}`);
    assert.deepEqual(problems, []);
  });

  for (const delay of [30, 80]) {
    it(`typing "ab@cd.ef" at ${delay} ms a key keeps every character, in the field and in the harness's outputs`, async () => {
      const value = await typeInField("ab@cd.ef", delay);
      figures[`typed at ${delay} ms a key`] = value;
      assert.equal(value, "ab@cd.ef");
      await assertOutput("ab@cd.ef");
      assert.deepEqual(problems, []);
    });
  }

  it("typing over an address at 30 ms a key replaces it", async () => {
    await typeInField("old@contoso.com", 30);
    const value = await typeInField("new@contoso.com", 30);
    assert.equal(value, "new@contoso.com");
    await assertOutput("new@contoso.com");
  });

  it("a value set in the harness's input panel after an edit shows in the field", async () => {
    await typeInField("edited@contoso.com", 30);
    await inputPanelValue().fill("set@contoso.com");
    await page.waitForFunction(() => document.querySelector('[data-testid="mailbox-health"] input')?.value === "set@contoso.com", null, { timeout: 5000 });
    // And typing goes on from there.
    await field().click();
    await page.keyboard.press("End");
    await page.keyboard.type(".uk", { delay: 30 });
    await page.waitForTimeout(400);
    assert.equal(await field().inputValue(), "set@contoso.com.uk");
    await assertOutput("set@contoso.com.uk");
    assert.deepEqual(problems, []);
  });

  it("the container width panel changes the layout (narrow under 350 px)", async () => {
    const width = page.locator("#control-width input");
    const verdictSize = () => control().getByTestId("verdict").evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    await width.fill("640");
    await page.waitForFunction(() => document.querySelector('[data-testid="mailbox-health"]')?.getBoundingClientRect().width > 600, null, { timeout: 5000 });
    const wide = await verdictSize();
    await width.fill("300");
    await page.waitForFunction(() => document.querySelector('[data-testid="mailbox-health"]')?.getBoundingClientRect().width <= 300, null, { timeout: 5000 });
    const narrow = await verdictSize();
    assert.ok(narrow < wide, `the narrow layout uses the smaller heading: ${narrow} px at 300 px, ${wide} px at 640 px`);
    const overflow = await control().evaluate((root) =>
      Array.from(root.querySelectorAll("*")).filter((e) => e.getBoundingClientRect().right > root.getBoundingClientRect().right + 1).length,
    );
    assert.equal(overflow, 0, "nothing sticks out of the control at 300 px");
    assert.deepEqual(problems, []);
  });

  it("nothing else left the machine: React came from node_modules, only the Fluent fonts were asked of a CDN", async () => {
    const other = browser.external.filter((url) => !FONT_CDN.test(url));
    assert.deepEqual(other, []);
    assert.ok(dialogs.length <= 1, `at most one alert() in the whole run; got ${dialogs.length}`);
  });

  async function assertOutput(expected) {
    await page.waitForFunction(
      (want) => {
        const panel = document.getElementById("accordion__panel-data_outputs");
        return !!panel && Array.from(panel.querySelectorAll(".key-value-pair-value")).some((e) => e.textContent === want);
      },
      expected,
      { timeout: 5000 },
    );
    assert.equal((await output().innerText()).trim(), expected);
  }
});
