"use strict";
/**
 * Copy report in Chromium: the text on the clipboard is the section the command line prints for the same
 * mailbox of the demo org (`mailbox-health diagnose --demo --format markdown`), character for character,
 * in English and in Czech, and the control says it was copied.
 */
const assert = require("node:assert/strict");
const path = require("path");
const { execFileSync } = require("child_process");
const { describe, it, before, after } = require("node:test");
const s = require("./support");

const BIN = path.join(s.ROOT, "bin", "mailbox-health.js");

/** The command line's Markdown section for one mailbox: from its "## " heading to the next one. */
function cliSection(id, lang) {
  let out;
  try {
    out = execFileSync(process.execPath, [BIN, "diagnose", "--demo", "--format", "markdown", "--lang", lang, "--mailbox", id], { encoding: "utf8" });
  } catch (e) {
    // Exit status 1: the mailbox has a problem; the report is on stdout all the same.
    if (e.status !== 1) throw e;
    out = e.stdout;
  }
  const start = out.indexOf("\n## ") + 1;
  assert.ok(start > 0, "the command line printed a mailbox section");
  const next = out.indexOf("\n## ", start);
  return next < 0 ? out.slice(start) : out.slice(start, next + 1);
}

describe("Copy report", () => {
  let browser;
  before(async () => {
    browser = await s.launch();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: browser.url.replace(/\/$/, "") });
  });
  after(async () => browser?.close());

  for (const [name, lang, lcid] of [
    ["Cause 1 — mailbox address differs from the user's", "en", 1033],
    ["Several problems — Miriam Graham", "en", 1033],
    ["Cause 5 — Basic authentication to on-premises EWS", "cs", 1029],
  ]) {
    it(`${name}, ${lang}: the clipboard holds the command line's section`, async () => {
      const { page, problems } = await s.openPage(browser, `lang=${lang}`);
      await s.openMailbox(page, name);
      const id = await page.locator("#mailbox").inputValue();
      const button = s.control(page).getByTestId("action-copy-report");
      assert.equal((await button.innerText()).trim(), s.strings(lcid).text("Report_Copy"));
      // Keyboard only: focus the button and press Enter.
      await button.focus();
      await page.keyboard.press("Enter");
      await s.control(page).getByTestId("report-copied").filter({ hasText: s.strings(lcid).text("Report_Copied") }).waitFor();
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      assert.equal(copied, cliSection(id, lang));
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
});
