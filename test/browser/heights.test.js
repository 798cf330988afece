"use strict";
/**
 * The view's budgets, measured in Chromium on load, in English: the control's height for every demo
 * mailbox at 640 px and at 300 px. The figures go to out/playground/heights.json.
 */
const fs = require("fs");
const path = require("path");
const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const s = require("./support");

const TABLE = s.demoTable();

describe("heights", () => {
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
  });

  for (const name of Object.keys(TABLE)) {
    it(name, async () => {
      const h = {};
      for (const width of ["wide", "narrow"]) {
        const { page, problems } = await s.openPage(browser, `mailbox=${ids[name]}&width=${width}`);
        h[width] = await s.control(page).evaluate((el) => Math.round(el.getBoundingClientRect().height));
        assert.deepEqual(problems, []);
        await page.close();
      }
      heights[name] = h;
    });
  }
});
