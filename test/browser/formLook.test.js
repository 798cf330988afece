"use strict";
/**
 * The form's look (issue 10, point 6): on a model-driven form the host hands the control its Fluent 2
 * design tokens (`context.fluentDesignLanguage.tokenTheme`); the playground hands it the same token sets
 * (`webLightTheme`, `webDarkTheme` from @fluentui/tokens). Everything the control shows must come from
 * them: each visible text in the tokens' base font (or their monospace font, for logical names), at a size
 * of the Fluent 2 type ramp the form uses (10, 12, 14, 16 px), regular or semibold, never upper-cased;
 * each text colour, background and border one of the tokens' colours. Checked in light and dark, wide and
 * narrow, on the mailbox that shows the most (Several problems, every section open) and on a healthy one.
 */
const assert = require("node:assert/strict");
const { after, before, describe, it } = require("node:test");
const tokens = require("@fluentui/tokens");
const s = require("./support");

const THEMES = { light: tokens.webLightTheme, dark: tokens.webDarkTheme };
const MAILBOXES = ["Several problems — Miriam Graham", "Healthy user — Alex Wilber"];

/** "#242424" or "rgba(…)" as the browser computes it: "rgb(36, 36, 36)". */
function cssColour(value) {
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (!hex) return value.replace(/\s+/g, " ");
  const n = parseInt(hex[1], 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
const family = (value) => value.replace(/'/g, '"').replace(/\s*,\s*/g, ", ");

function expected(theme) {
  const colours = new Set(["rgba(0, 0, 0, 0)"]);
  for (const [name, value] of Object.entries(theme)) {
    if (name.startsWith("color") && typeof value === "string") colours.add(cssColour(value));
  }
  return {
    families: new Set([family(theme.fontFamilyBase), family(theme.fontFamilyMonospace)]),
    sizes: new Set([theme.fontSizeBase100, theme.fontSizeBase200, theme.fontSizeBase300, theme.fontSizeBase400]),
    weights: new Set([String(theme.fontWeightRegular), String(theme.fontWeightSemibold)]),
    colours,
  };
}

describe("the form's look: the host's tokens and type ramp", () => {
  let browser;
  before(async () => {
    browser = await s.launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [themeName, theme] of Object.entries(THEMES)) {
    for (const width of ["wide", "narrow"]) {
      for (const mailbox of MAILBOXES) {
        it(`${mailbox}, ${themeName}, ${width}`, async () => {
          const { page, problems } = await s.openPage(browser, `theme=${themeName}&width=${width}&showPassedChecks=1`);
          try {
            await s.openMailbox(page, mailbox);
            // Open every closed section, so that all the control can show is measured.
            for (let i = 0; i < 20; i++) {
              const closed = s.control(page).locator('[aria-expanded="false"]');
              if ((await closed.count()) === 0) break;
              await closed.first().click();
            }
            const seen = await s.control(page).evaluate((host) => {
              const root = host.querySelector('[data-testid="mailbox-health"]');
              const items = [];
              for (const el of root.querySelectorAll("*")) {
                const cs = getComputedStyle(el);
                const box = el.getBoundingClientRect();
                if (box.width <= 1 || box.height <= 1 || cs.visibility === "hidden") continue;
                const text = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
                const where = `${el.tagName.toLowerCase()} "${(el.textContent || "").trim().slice(0, 30)}"`;
                if (text) {
                  items.push({ where, kind: "family", value: cs.fontFamily });
                  items.push({ where, kind: "size", value: cs.fontSize });
                  items.push({ where, kind: "weight", value: cs.fontWeight });
                  items.push({ where, kind: "transform", value: cs.textTransform });
                  items.push({ where, kind: "colour", value: cs.color });
                }
                items.push({ where, kind: "colour", value: cs.backgroundColor });
                for (const side of ["Top", "Right", "Bottom", "Left"]) {
                  if (parseFloat(cs[`border${side}Width`]) > 0 && cs[`border${side}Style`] !== "none") items.push({ where, kind: "colour", value: cs[`border${side}Color`] });
                }
              }
              return items;
            });
            const want = expected(theme);
            const texts = seen.filter((x) => x.kind === "family").length;
            assert.ok(texts > 10, `visible texts measured: ${texts}`);
            const off = seen.filter((x) => {
              switch (x.kind) {
                case "family":
                  return !want.families.has(family(x.value));
                case "size":
                  return !want.sizes.has(x.value);
                case "weight":
                  return !want.weights.has(x.value);
                case "transform":
                  return x.value !== "none";
                default:
                  return !want.colours.has(x.value);
              }
            });
            assert.deepEqual(
              [...new Set(off.map((x) => `${x.kind} ${x.value}: ${x.where}`))],
              [],
              "every font, size, weight and colour comes from the host's tokens",
            );
            assert.deepEqual(problems, []);
          } finally {
            await page.close();
          }
        });
      }
    }
  }
});
