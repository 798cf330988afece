"use strict";
/**
 * Typing in the control's field while the form hands the edits back late: the playground's Output delay
 * (0: getOutputs and updateView at once; 100 ms debounced, as pcf-start; 500 ms debounced). Every key
 * must stay, in the field and in the form's value, and a value the form sets afterwards must show.
 * React's development build. The characters kept are written to out/playground/typing.json.
 */
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { describe, it, after } = require("node:test");
const s = require("./support");

const TEXT = "ab@cd.ef";
const figures = {};

after(() => {
  fs.mkdirSync(path.join(s.ROOT, "out", "playground"), { recursive: true });
  fs.writeFileSync(path.join(s.ROOT, "out", "playground", "typing.json"), JSON.stringify(figures, null, 2) + "\n");
});

for (const delay of [0, 100, 500]) {
  describe(`the field with an output delay of ${delay} ms`, () => {
    let page;
    let problems;
    s.usePage(`react=development&outputDelay=${delay}`, (opened) => ({ page, problems } = opened));

    const field = () => s.control(page).getByRole("textbox");
    const formValue = () => page.evaluate(() => window.playground.app.value);
    const getOutputs = () => page.evaluate(() => window.playground.app.lifecycle.filter((e) => e.call === "getOutputs").length);

    /** Selects the whole field and types `text` at `msPerKey`, then waits for the form to read the outputs. */
    async function type(text, msPerKey) {
      await field().click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.type(text, { delay: msPerKey });
      await page.waitForTimeout(delay + 300);
      return field().inputValue();
    }

    it("the setting is in the address bar and the settings panel", async () => {
      assert.equal(await page.locator("#output-delay").inputValue(), String(delay));
    });

    for (const msPerKey of [30, 80]) {
      it(`"${TEXT}" typed over the address at ${msPerKey} ms a key: every character in the field and the form`, async () => {
        const before = await getOutputs();
        const value = await type(TEXT, msPerKey);
        figures[`delay ${delay} ms, ${msPerKey} ms a key`] = value;
        assert.equal(value, TEXT);
        assert.equal(await formValue(), TEXT);
        const reads = (await getOutputs()) - before;
        // Debounced: the form reads the outputs once the typing stops; at once: once a key.
        if (delay >= msPerKey * 2) assert.ok(reads <= 2, `debounced: ${reads} getOutputs for ${TEXT.length} keys`);
        else assert.ok(reads >= 1);
        assert.ok(await page.locator("#form-save").isEnabled(), "the form has an unsaved change");
        assert.deepEqual(problems, []);
      });
    }

    it("a value the form sets after an edit shows in the field (the org reset)", async () => {
      const original = await page.evaluate(() => {
        const app = window.playground.app;
        return app.org.mailbox(app.settings.mailboxId).emailaddress;
      });
      await type("typed@contoso.com", 30);
      await page.locator("#edit-reset").click();
      assert.equal(await field().inputValue(), original);
      assert.equal(await formValue(), original);
      assert.deepEqual(problems, []);
    });

    it("Save right after typing saves every key, even before the delay is over", async () => {
      await field().click();
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.type("saved@contoso.com", { delay: 30 });
      if (delay >= 500) assert.equal(await page.locator("#form-save").isEnabled(), false, "the form has not read the outputs yet");
      await page.evaluate(() => window.playground.app.save());
      const saved = await page.evaluate(() => {
        const app = window.playground.app;
        return app.org.mailbox(app.settings.mailboxId).emailaddress;
      });
      assert.equal(saved, "saved@contoso.com");
      assert.equal(await field().inputValue(), "saved@contoso.com");
      await page.locator("#edit-reset").click();
      assert.deepEqual(problems, []);
    });
  });
}
