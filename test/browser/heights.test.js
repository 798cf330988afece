"use strict";
/**
 * The view's budgets (issue 10), measured in Chromium on load, in English: every demo mailbox's control
 * height at 640 px (Several problems ≤ 1,000 px, every single-cause mailbox ≤ 700 px) and at 300 px
 * (≤ 1.6 × its 640 px height); no sentence of the control's text twice; the headline of every
 * single-cause mailbox names its cause. The figures go to out/playground/heights.json.
 */
const fs = require("fs");
const path = require("path");
const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const s = require("./support");

const TABLE = s.demoTable();
const EN = s.strings(1033);
const SEVERAL = "Several problems — Miriam Graham";
/** The sentences of a text: ends at . ! ? or a line end; short labels (under four words) are not sentences. */
function sentences(text) {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((x) => x.trim())
    .filter((x) => x.split(/\s+/).length >= 4);
}

describe("budgets of the view", () => {
  let browser;
  let ids;
  const heights = {};
  before(async () => {
    browser = await s.launch();
    const { page } = await s.openPage(browser, "", { waitForVerdict: false });
    ids = await page.evaluate(() => Object.fromEntries(window.playground.app.org.mailboxes().map((m) => [m.name, m.id])));
    await page.close();
  });
  after(async () => {
    await browser?.close();
    const file = path.join(s.ROOT, "out", "playground", "heights.json");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(heights, null, 2) + "\n");
    // The figures measured, for the log of the run.
    const rows = Object.entries(heights).map(([name, h]) => `${String(h.wide).padStart(5)} ${String(h.narrow).padStart(5)}  ${(h.narrow / h.wide).toFixed(2)} ×  ${name}`);
    console.log(`\nheights (px): 640  300  300/640\n${rows.join("\n")}\n-> ${path.relative(s.ROOT, file)}`);
  });

  for (const [name, expected] of Object.entries(TABLE)) {
    it(name, async () => {
      const h = {};
      for (const width of ["wide", "narrow"]) {
        // The playground opens the mailbox and the width from its address.
        const { page, problems } = await s.openPage(browser, `mailbox=${ids[name]}&width=${width}`);
        const root = page.locator('[data-testid="control-host"] [data-testid="mailbox-health"]');
        assert.equal(await root.count(), 1, "the control's root keeps data-testid=mailbox-health");
        assert.equal(await root.evaluate((el) => Math.round(el.getBoundingClientRect().width)), width === "wide" ? 640 : 300);
        h[width] = await s.control(page).evaluate((el) => Math.round(el.getBoundingClientRect().height));
        if (width === "wide") {
          const all = sentences(await s.control(page).innerText());
          const twice = all.filter((x, i) => all.indexOf(x) !== i);
          assert.deepEqual(twice, [], "no sentence twice");
          if (expected.problem.length === 1) {
            const rule = expected.problem[0];
            const headline = (await s.verdict(page).innerText()).trim();
            assert.ok(headline.includes(EN.text(`Headline_${rule}`)), `the headline names ${rule}: ${headline}`);
          }
        }
        assert.deepEqual(problems, []);
        await page.close();
      }
      heights[name] = h;
      const single = expected.problem.length === 1;
      if (name === SEVERAL) assert.ok(h.wide <= 1000, `${h.wide} px at 640 px (≤ 1,000)`);
      if (single) assert.ok(h.wide <= 700, `${h.wide} px at 640 px (≤ 700)`);
      assert.ok(h.narrow <= 1.6 * h.wide, `${h.narrow} px at 300 px, ${(h.narrow / h.wide).toFixed(2)} × its 640 px height (≤ 1.6)`);
    });
  }
});
