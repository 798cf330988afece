"use strict";
/**
 * The pictures in docs/screenshots/: light and dark, wide and 300 px, English and Czech, problem and
 * healthy mailboxes, a fault, and the whole playground. Each state is checked before it is taken,
 * and at 300 px nothing may stick out of the control's width.
 */
const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const s = require("./support");

const EN = s.strings(1033);
const CS = s.strings(1029);

const SHOTS = [
  // The two in the README: short enough to sit side by side.
  { file: "readme-problem-light-wide-en.png", mailbox: "Cause 2 — hybrid profile for an Exchange Online mailbox", query: "" },
  { file: "readme-healthy-dark-narrow-cs.png", mailbox: "Healthy user — Alex Wilber", query: "theme=dark&width=narrow&lang=cs", lang: CS },
  { file: "problem-light-wide-en.png", mailbox: "Cause 2 — hybrid profile for an Exchange Online mailbox", query: "" },
  { file: "problem-dark-wide-en.png", mailbox: "Cause 2 — hybrid profile for an Exchange Online mailbox", query: "theme=dark" },
  { file: "several-problems-light-wide-en.png", mailbox: "Several problems — Miriam Graham", query: "" },
  { file: "problem-light-narrow-en.png", mailbox: "Cause 1 — mailbox address differs from the user's", query: "width=narrow" },
  { file: "problem-dark-narrow-cs.png", mailbox: "Cause 5 — Basic authentication to on-premises EWS", query: "width=narrow&theme=dark&lang=cs", lang: CS },
  { file: "problem-light-wide-cs.png", mailbox: "Cause 5 — Basic authentication to on-premises EWS", query: "lang=cs", lang: CS },
  { file: "healthy-light-wide-en.png", mailbox: "Healthy user — Alex Wilber", query: "showPassedChecks=1" },
  { file: "healthy-dark-narrow-en.png", mailbox: "Healthy queue — Support", query: "theme=dark&width=narrow&showPassedChecks=1" },
  { file: "throttled-light-wide-en.png", mailbox: "Healthy user — Alex Wilber", query: "faults=throttle", failure: true },
  { file: "offline-dark-narrow-cs.png", mailbox: "Healthy user — Alex Wilber", query: "faults=offline&theme=dark&width=narrow&lang=cs", failure: true, lang: CS },
];

describe("screenshots", () => {
  let browser;
  let ids;

  before(async () => {
    browser = await s.launch();
    const { page } = await s.openPage(browser, "", { waitForVerdict: false });
    ids = await page.evaluate(() => Object.fromEntries(window.playground.app.org.mailboxes().map((m) => [m.name, m.id])));
    await page.close();
  });
  after(async () => {
    await browser?.close();
  });

  for (const shot of SHOTS) {
    it(shot.file, async () => {
      const lang = shot.lang ?? EN;
      const query = `mailbox=${ids[shot.mailbox]}${shot.query ? `&${shot.query}` : ""}`;
      const { page, problems } = await s.openPage(browser, query, { waitForVerdict: !shot.failure });
      if (shot.failure) await s.control(page).getByRole("button", { name: lang.text("Action_Retry") }).waitFor();
      const field = page.locator(".field");
      if (/narrow/.test(shot.query)) {
        const overflow = await page.evaluate(() => {
          const host = document.querySelector('[data-testid="control-host"]');
          const limit = host.getBoundingClientRect().right + 0.5;
          return [...host.querySelectorAll("*")]
            .filter((el) => el.getBoundingClientRect().right > limit && el.getClientRects().length)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 80));
        });
        assert.equal(await s.control(page).evaluate((el) => el.getBoundingClientRect().width), 300);
        assert.deepEqual(overflow, [], "nothing sticks out at 300 px");
      }
      await s.assertNoRawKeys(page, assert);
      await s.saveScreenshot(field, shot.file);
      assert.deepEqual(problems, []);
      await page.close();
    });
  }

  it("playground.png: the whole page", async () => {
    const { page, problems } = await s.openPage(browser, `mailbox=${ids["Cause 1 — mailbox address differs from the user's"]}`);
    await s.saveScreenshot(page, "playground.png", { fullPage: true });
    assert.deepEqual(problems, []);
    assert.deepEqual(browser.external, []);
    await page.close();
  });
});
