"use strict";
/**
 * What the browser tests share: the playground's server on a free port, Debian's Chromium driven by
 * playwright-core with every request that leaves 127.0.0.1 aborted (and counted), pages that fail
 * the test on any uncaught error or console error, and the demo org's expectations from
 * demo/README.md and the control's resx files.
 */
const fs = require("fs");
const os = require("os");
const zlib = require("zlib");
const path = require("path");
const { chromium } = require("playwright-core");
const { start, missingBuild } = require("../../playground/server.js");

const ROOT = path.resolve(__dirname, "..", "..");
/**
 * Where the pictures go. The tests take them (and check each state before it is taken) into
 * out/screenshots/, which git ignores, so `npm test` leaves the clone as it found it. Only
 * `npm run screenshots` (scripts/screenshots.js) sets MAILBOX_HEALTH_SCREENSHOTS=docs and updates the
 * committed pictures in docs/screenshots/.
 */
const UPDATE_DOCS = process.env.MAILBOX_HEALTH_SCREENSHOTS === "docs";
const SCREENSHOTS = UPDATE_DOCS ? path.join(ROOT, "docs", "screenshots") : path.join(ROOT, "out", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/** Bounded waits: a check on the demo org takes milliseconds; slow-network states add 1.5 s a request. */
const TIMEOUT = 15000;

/** Debian's Chromium through playwright-core, headless, in a throw-away profile. */
async function launchChromium(options = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mbxh-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    timezoneId: "UTC",
    locale: "en-US",
    timeout: 30000,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--font-render-hinting=none",
    ],
    ...options,
  });
  context.setDefaultTimeout(TIMEOUT);
  const external = [];
  // Nothing may leave the machine: every request that is not for 127.0.0.1 is aborted (and listed).
  await context.route(
    (url) => url.hostname !== "127.0.0.1",
    (route) => {
      external.push(route.request().url());
      return route.abort();
    },
  );
  const close = async () => {
    await context.close().catch(() => undefined);
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, external, close };
}

async function launch() {
  const missing = missingBuild();
  if (missing.length) throw new Error(`the playground is not built (${missing.join(", ")}): run npm run playground:build`);
  const server = await start({ port: 0 });
  let browser;
  try {
    browser = await launchChromium();
  } catch (e) {
    await server.close();
    throw e;
  }
  const pages = [];
  /**
   * Every browser test ends here: on each page it opened, the writes the playground answered must be
   * exactly the confirmations the control's dialog got (one write per confirmed action, none otherwise).
   */
  const close = async () => {
    const mismatches = [];
    for (const page of pages) {
      if (page.isClosed()) continue;
      const counts = await page.evaluate(() => {
        const api = window.mailboxHealthPlayground;
        return api ? { writes: api.calls.filter((c) => c.method !== "GET").length, confirmed: api.confirmed } : null;
      }).catch(() => null);
      if (counts && counts.writes !== counts.confirmed) mismatches.push(`${counts.writes} writes for ${counts.confirmed} confirmed actions`);
    }
    await browser.close();
    await server.close();
    if (mismatches.length) throw new Error(`writes without a confirmed click: ${mismatches.join("; ")}`);
  };
  return { context: browser.context, server, url: server.url, external: browser.external, close, pages };
}

/**
 * A new page that records every uncaught error and console error, and every failed request, so that
 * `problems()` can be asserted empty at the end of a test.
 */
async function openPage(browser, query = "", options = {}) {
  const page = await browser.context.newPage();
  if (browser.pages) browser.pages.push(page);
  const problems = [];
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
  });
  page.on("requestfailed", (r) => {
    if (new URL(r.url()).hostname === "127.0.0.1") problems.push(`request failed: ${r.url()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    return d.dismiss();
  });
  const search = typeof query === "string" ? query : new URLSearchParams(query).toString();
  await page.goto(browser.url + (search ? `?${search}` : ""), { waitUntil: "load" });
  await page.waitForFunction(() => window.playground && (window.playground.ready || window.playground.error), null, { timeout: TIMEOUT });
  const error = await page.evaluate(() => window.playground.error);
  if (error) throw new Error(`the playground did not start: ${error}`);
  if (options.waitForVerdict !== false) await waitForVerdict(page);
  return { page, problems };
}

const control = (page) => page.getByTestId("control-host");
const verdict = (page) => control(page).getByTestId("verdict");

/** Waits until the control shows a verdict (data-status set) and returns it. */
async function waitForVerdict(page, timeout = TIMEOUT) {
  await page.waitForFunction(
    () => {
      const v = document.querySelector('[data-testid="control-host"] [data-testid="verdict"]');
      return !!v && !!v.getAttribute("data-status") && !document.querySelector('[data-testid="control-host"] button[aria-busy="true"]');
    },
    null,
    { timeout },
  );
  const v = verdict(page);
  return { status: await v.getAttribute("data-status"), text: (await v.innerText()).trim() };
}

/** The findings the control shows: rule → status, from the cards' data attributes. */
async function findings(page) {
  return page.evaluate(() => {
    const out = {};
    for (const li of document.querySelectorAll('[data-testid="control-host"] li[data-rule]')) out[li.getAttribute("data-rule")] = li.getAttribute("data-status");
    return out;
  });
}

function rulesWith(found, status) {
  return Object.keys(found)
    .filter((rule) => found[rule] === status)
    .sort();
}

async function requestCount(page) {
  return page.evaluate(() => window.playground.app.requests.length);
}

async function select(page, id, value) {
  await page.locator(`#${id}`).selectOption(value);
}

async function check(page, id, on = true) {
  await page.locator(`#${id}`).setChecked(on);
}

/** Selects a mailbox by its name and waits for the control to finish its check. */
async function openMailbox(page, name, options = {}) {
  await page.locator("#mailbox").selectOption({ label: name });
  await page.waitForFunction((n) => document.getElementById("form-title")?.textContent === n, name);
  if (options.waitForVerdict !== false) return waitForVerdict(page);
  return undefined;
}

/** demo/README.md, "The mailboxes": name → { problem, warning, unverified } rule lists. */
function demoTable() {
  const readme = fs.readFileSync(path.join(ROOT, "demo", "README.md"), "utf8");
  const section = readme.split(/^## The mailboxes$/m)[1];
  if (!section) throw new Error('demo/README.md has no "## The mailboxes" section');
  const rows = section
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|\s*-/.test(line))
    .slice(1)
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
  const rules = (text) => [...text.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]).sort();
  const table = {};
  for (const [name, , problems, also] of rows) {
    const expected = { problem: rules(problems), warning: [], unverified: [] };
    for (const part of also.split(";")) {
      const m = /^\s*(warnings?|to verify):(.*)$/.exec(part);
      if (m) expected[m[1].startsWith("warning") ? "warning" : "unverified"] = rules(m[2]);
    }
    table[name] = expected;
  }
  return table;
}

/** The control's strings for a language (the resx files the build copies), with the plural rule. */
function strings(lcid) {
  const xml = fs.readFileSync(path.join(ROOT, "MailboxHealth", "strings", `MailboxHealth.${lcid}.resx`), "utf8");
  const out = {};
  const decode = (t) =>
    t.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (all, n) => {
      const named = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" }[n.toLowerCase()];
      if (named) return named;
      return String.fromCodePoint(n[1].toLowerCase() === "x" ? parseInt(n.slice(2), 16) : parseInt(n.slice(1), 10));
    });
  for (const m of xml.matchAll(/<data\s+[^>]*?name="([^"]+)"[^>]*>\s*<value>([\s\S]*?)<\/value>/g)) out[m[1]] = decode(m[2]);
  const locale = lcid === 1029 ? "cs-CZ" : "en-US";
  const plurals = new Intl.PluralRules(locale);
  const text = (key, args = {}) => {
    if (!(key in out)) throw new Error(`no string ${key} in MailboxHealth.${lcid}.resx`);
    return out[key].replace(/\{(\w+)\}/g, (all, name) => (name in args ? String(args[name]) : all));
  };
  const plural = (base, n) => {
    const key = `${base}_${plurals.select(n)}`;
    return text(key in out ? key : `${base}_other`, { n });
  };
  /** The verdict line, as the control words it. */
  const verdictText = ({ problem = 0, warning = 0, unverified = 0 }) => {
    const parts = [];
    if (problem) parts.push(plural("Verdict_Problems", problem));
    if (warning) parts.push(plural("Verdict_Warnings", warning));
    if (unverified) parts.push(plural("Verdict_Unverified", unverified));
    return parts.length ? parts.join(", ") : text("Verdict_None");
  };
  return { all: out, text, plural, verdictText };
}

/** Text that only an unresolved resx key or placeholder would leave on screen. */
const RAW_KEY = /\b(?:Loop|Verdict|Status|Section|State|Rule|Finding|Action|Announce|Alerts?|DataError|Data|Detail|Fix|Link|Value|Option|Direction|Field|Panel|NotApplicable|AddressMismatch|HybridProfile|License|Tenant|EwsBasic|Recreated|ExoBasic|Approval|Owner|MailboxState|Schedule)_[A-Za-z0-9_-]+|\{[a-z]+\}/;

async function assertNoRawKeys(page, assert) {
  const text = await control(page).innerText();
  const m = RAW_KEY.exec(text);
  assert.equal(m, null, `the control shows an unresolved string: ${m && m[0]}`);
}

function screenshotPath(name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

/** The pixels of an 8-bit, non-interlaced PNG (as Chromium writes them), unfiltered. */
function pngPixels(buffer) {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("ascii", offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) return null;
      channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[data[9]];
      if (!channels) return null;
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      out[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, data: out };
}

/**
 * Writes a screenshot to out/screenshots (docs/screenshots with `npm run screenshots`). A committed
 * picture is kept when it already shows the same thing: the same size and at most 0.05 % of the bytes
 * different (anti-aliasing, a timing figure), so that updating does not churn the pictures. Returns
 * whether it wrote the file.
 */
async function saveScreenshot(target, name, options = {}) {
  const file = screenshotPath(name);
  const next = await target.screenshot({ animations: "disabled", caret: "hide", ...options });
  if (UPDATE_DOCS && fs.existsSync(file)) {
    const a = pngPixels(fs.readFileSync(file));
    const b = pngPixels(next);
    if (a && b && a.width === b.width && a.height === b.height) {
      let differ = 0;
      for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) differ++;
      if (differ <= a.data.length * 0.0005) return false;
    }
  }
  fs.writeFileSync(file, next);
  return true;
}

/** axe-core on the page (control and page around it); returns violations grouped by impact. */
async function axe(page, options = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!loaded) await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  return page.evaluate(async (include) => {
    const result = await window.axe.run(include ? { include: [include] } : document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
      summary: v.nodes[0] && v.nodes[0].failureSummary,
    }));
  }, options.include || null);
}

/**
 * For a describe block: launches Chromium and opens the playground before its tests, closes it after,
 * and hands `{ browser, page, problems }` to `assign`.
 */
function usePage(query, assign) {
  const { after, before } = require("node:test");
  let browser;
  before(async () => {
    browser = await launch();
    assign({ browser, ...(await openPage(browser, query)) });
  });
  after(async () => {
    await browser?.close();
  });
}

module.exports = {
  ROOT,
  usePage,
  TIMEOUT,
  launch,
  launchChromium,
  openPage,
  control,
  verdict,
  waitForVerdict,
  findings,
  rulesWith,
  requestCount,
  select,
  check,
  openMailbox,
  demoTable,
  strings,
  assertNoRawKeys,
  SCREENSHOTS,
  screenshotPath,
  saveScreenshot,
  axe,
};
