/** @jest-environment node */
/**
 * Dumps from other people's orgs: errors name the file, line and column and never echo input bytes;
 * nothing from the input reaches a terminal unescaped; Markdown from the data stays text.
 */
import MarkdownIt from "markdown-it";
import { NOW, demoDump, demoMailbox, runIn, writeTemp } from "./helpers";
import type { Json } from "./helpers";

const ESC = "\u001b";
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("errors name, never echo", () => {
  it("a damaged dump: line, column and what was expected, no fragment of the file", async () => {
    const text = `{\n  "mailboxes": [],\n  "emailserverprofiles": [ { "emailserverprofileid": "p", "password": SECRET_VAL } ]\n}`;
    const r = await runIn(["diagnose", writeTemp("damaged-secret.json", text)]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).not.toContain("SECRET");
    expect(r.stderr).not.toContain("assword");
    expect(r.stderr).toMatch(/damaged-secret\.json, line 3, column 71: not valid JSON: expected a value/);
  });

  it("control bytes in a damaged dump never reach stderr", async () => {
    const text = `{ "mailboxes": [ ${ESC}]0;owned\u0007${ESC}[2J\u0000 ] }`;
    const r = await runIn(["diagnose", writeTemp("damaged-escapes.json", text)]);
    expect(r.status).toBe(2);
    expect(r.stderr.slice(0, -1)).not.toMatch(CONTROL);
    expect(r.stderr).toMatch(/line 1, column 18: not valid JSON: expected a value/);
  });

  it("a mailbox id with escape sequences is shown visibly in the error", async () => {
    const r = await runIn(["diagnose", "--demo", "--mailbox", `${ESC}]0;owned\u0007\u202Eevil`]);
    expect(r.status).toBe(2);
    expect(r.stderr.slice(0, -1)).not.toMatch(CONTROL);
    expect(r.stderr).toContain("\\x1B]0;owned\\x07\\u202Eevil");
  });

  it.each([
    ["UTF-16 LE with a byte order mark (Windows PowerShell 5 `>`)", (t: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")])],
    ["UTF-16 LE without a byte order mark", (t: string) => Buffer.from(t, "utf16le")],
    ["UTF-16 BE with a byte order mark", (t: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(t, "utf16le").swap16()])],
    ["UTF-8 with a byte order mark", (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, "utf8")])],
  ])("a dump in %s is read like the UTF-8 one", async (name, encode) => {
    const text = JSON.stringify(demoDump(), null, 2);
    const plain = writeTemp("plain.json", text);
    const expected = await runIn(["diagnose", plain, "--format", "json", "--now", NOW]);
    const file = writeTemp(`encoded-${name.replace(/\W+/g, "-")}.json`, "");
    require("fs").writeFileSync(file, encode(text));
    const r = await runIn(["diagnose", file, "--format", "json", "--now", NOW]);
    expect(r.stderr).toBe("");
    // The same report, but for the name of the file in its metadata.
    expect(r.stdout.replace(JSON.stringify(file), '"F"')).toBe(expected.stdout.replace(JSON.stringify(plain), '"F"'));
  });

  it("a 12 MB name does not overflow the stack in the table", async () => {
    const dump = demoDump();
    demoMailbox(dump, "Cause 1").name = "N".repeat(12 * 1024 * 1024);
    const r = await runIn(["diagnose", writeTemp("huge-name.json", dump), "--now", NOW]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
  });
});

describe("Markdown that stays text", () => {
  const HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "a`<img src=x onerror=alert(2)>`",
    "x\n\n<script>alert(3)</script>\n\n# injected",
    "[click](javascript:alert(4))",
    "![i](https://evil.example/p.png)",
    "``<b>bold</b>``",
    "&lt;img src=x&gt;",
    "| a | b |\n| --- | --- |",
    "<https://evil.example>",
    "1. list\n- item\n> quote",
  ];

  function hostileDump(): Json {
    const dump = demoDump();
    dump.mailboxes.forEach((m: Json, i: number) => {
      const h = HOSTILE[i % HOSTILE.length];
      if (i % 3 === 0) m.mailboxid = `${h}${i}`;
      m.name = `${h} name ${i}`;
      m.emailaddress = `${h}@contoso.com`;
    });
    for (const t of dump.tracelogs) t.text = `${t.text} ${HOSTILE[0]} ${HOSTILE[2]}`;
    for (const p of dump.emailserverprofiles) p.name = `${HOSTILE[1]} ${p.name}`;
    return dump;
  }

  it("renders with HTML allowed and finds no element that came from the data", async () => {
    const r = await runIn(["diagnose", writeTemp("hostile-markdown.json", hostileDump()), "--format", "markdown", "--now", NOW]);
    expect([0, 1]).toContain(r.status);
    const html = new MarkdownIt({ html: true }).render(r.stdout);
    // Only the elements the view itself writes; links only to allowed pages.
    const tags = new Set([...html.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((m) => m[1]));
    for (const tag of tags) expect(["h1", "h2", "h3", "p", "table", "thead", "tbody", "tr", "th", "td", "code", "strong", "ul", "ol", "li", "a", "em"]).toContain(tag);
    expect(html).not.toMatch(/<(img|script|b)\b/);
    expect(html).not.toMatch(/<h1>[^<]*injected/);
    for (const m of html.matchAll(/<a href="([^"]*)"/g)) expect(m[1]).toMatch(/^https:\/\/(learn\.microsoft\.com|admin\.|go\.microsoft\.com|contoso-sales\.crm4\.dynamics\.com\/main\.aspx\?)/);
    // Headings: one h1, and each h2 is a mailbox of the dump.
    expect((html.match(/<h1>/g) ?? []).length).toBe(1);
    // Every table row stays one row with three cells.
    for (const row of html.match(/<tr>[\s\S]*?<\/tr>/g) ?? []) expect((row.match(/<t[dh]\b/g) ?? []).length).toBe(3);
  });

  it("a mailbox id with a backtick and a newline stays inside its line", async () => {
    const dump = demoDump();
    demoMailbox(dump, "Cause 1").mailboxid = "a`<img src=x onerror=alert(1)>`\n# injected";
    const r = await runIn(["diagnose", writeTemp("hostile-id.json", dump), "--format", "markdown", "--now", NOW]);
    const html = new MarkdownIt({ html: true }).render(r.stdout);
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/<h1>injected/);
  });
});
