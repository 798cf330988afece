/** @jest-environment node */
/**
 * MailboxHealth/report/mailboxMarkdown.ts: one mailbox's section of the Markdown report, from the
 * diagnosis result and a localizer, as the control's Copy report will render it. It must be the text the
 * command line prints for the mailbox, in both languages, from the control's own strings, with every text
 * from the data escaped.
 */
import * as fs from "fs";
import * as path from "path";
import MarkdownIt from "markdown-it";
import { createLocalizer } from "../../MailboxHealth/i18n/localize";
import type { Localizer } from "../../MailboxHealth/i18n/localize";
import { findingText, mailboxMarkdown } from "../../MailboxHealth/report/mailboxMarkdown";
import { eachDiagnosis } from "../../cli/diagnoseDump";
import type { MailboxDiagnosis } from "../../cli/diagnoseDump";
import { readResx } from "../../cli/strings";
import { NOW, ROOT, demoDump, demoMailbox, runIn, writeTemp } from "./helpers";
import type { Json } from "./helpers";

process.env.TZ = "UTC";

const MODULE = path.join(ROOT, "MailboxHealth/report/mailboxMarkdown.ts");

/** A localizer as the control makes one: its own resx strings only (context.resources.getString), by LCID. */
function controlLocalizer(lcid: 1033 | 1029): Localizer {
  const strings = readResx(path.join(ROOT, `MailboxHealth/strings/MailboxHealth.${lcid}.resx`));
  return createLocalizer((key) => strings.get(key) ?? key, lcid);
}

async function diagnoses(dump: Json): Promise<MailboxDiagnosis[]> {
  const out: MailboxDiagnosis[] = [];
  for await (const d of eachDiagnosis(dump, { now: new Date(NOW) })) out.push(d);
  return out;
}

/** The command line's Markdown, split into its mailbox sections ("## …" to the next, without the blank line before). */
function sections(markdown: string): string[] {
  return markdown.split(/\n(?=## )/).slice(1);
}

describe("mailboxMarkdown", () => {
  it.each([
    ["en", 1033],
    ["cs", 1029],
  ] as const)("is the section the command line prints for each mailbox (%s), from the control's strings only", async (lang, lcid) => {
    const file = writeTemp("markdown-demo.json", demoDump());
    const cli = sections((await runIn(["diagnose", file, "--format", "markdown", "--lang", lang, "--now", NOW])).stdout);
    const l = controlLocalizer(lcid);
    const ours = (await diagnoses(demoDump())).map((d) => d.result).filter((r) => r.verdict.status !== "ok");
    expect(ours).toHaveLength(11);
    expect(ours.map((r) => mailboxMarkdown(r, l))).toEqual(cli);
    // No key fell through unlocalized: every string it needs is in the control's resx.
    for (const text of cli) expect(text).not.toMatch(/\b[A-Z][A-Za-z]+_[A-Za-z_]+\b/);
  });

  it("renders a healthy mailbox too: its identity, no problems found, and the counts", async () => {
    const alex = (await diagnoses(demoDump()))[0].result;
    expect(mailboxMarkdown(alex, controlLocalizer(1033))).toBe(
      "## Healthy user — Alex Wilber\n\nalexw@contoso.com · `" + alex.snapshot.mailbox.id + "` · No problems found\n\nPassed checks (10) · Not applicable (1)\n",
    );
    expect(mailboxMarkdown(alex, controlLocalizer(1029))).toContain("Úspěšné kontroly (10)");
  });

  it("escapes every text from the data: no element, link or code span comes from it", async () => {
    const dump = demoDump();
    const adele = demoMailbox(dump, "Cause 1");
    adele.name = "<img src=x onerror=alert(1)> *b* [x](https://evil.example)\n# injected";
    adele.emailaddress = "a`<script>alert(2)</script>`@contoso.com";
    adele.mailboxid = "id`<b>x</b>`\n## more";
    for (const t of dump.tracelogs) t.text = `${t.text} <iframe src=https://evil.example></iframe> www.evil.example`;
    const result = (await diagnoses(dump)).find((d) => d.id.startsWith("id`"))!.result;
    const text = mailboxMarkdown(result, controlLocalizer(1033));
    const html = new MarkdownIt({ html: true, linkify: true }).render(text);
    expect(html).not.toMatch(/<(img|script|iframe|b|h1)\b/);
    expect((html.match(/<h2>/g) ?? []).length).toBe(1);
    // Links: the rules' own; GitHub-style autolinking makes at most a mail link of an address.
    for (const m of html.matchAll(/<a href="([^"]*)"/g)) expect(m[1]).toMatch(/^(https:\/\/(learn\.microsoft\.com|admin\.|contoso-sales\.crm4\.dynamics\.com\/)|mailto:)/);
    expect(html).not.toContain("evil.example\"");
    // An id that is not a GUID is escaped text, not a code span (a code span cannot escape a backtick).
    expect(text).toContain("id\\`\\<b\\>x\\</b\\>\\` ## more");
    expect(text.split("\n")[0]).toBe("## \\<img src=x onerror=alert(1)\\> \\*b\\* \\[x\\](https\\://evil.example) # injected");
  });

  it("says why a mailbox could not be diagnosed, as text, when given a note", async () => {
    const result = (await diagnoses(demoDump()))[2].result;
    expect(mailboxMarkdown(result, controlLocalizer(1033), { note: "Read <failed>" }).split("\n")[4]).toBe("Read \\<failed\\>");
  });

  it.each([[1033], [1029]] as const)("words every text a rule can give for a reader who is not on the control's form (%s)", (lcid) => {
    const rules = path.join(ROOT, "MailboxHealth/rules");
    const keys = new Set(
      fs.readdirSync(rules).flatMap((f) => [...fs.readFileSync(path.join(rules, f), "utf8").matchAll(/"([A-Z][A-Za-z0-9]*_[A-Za-z0-9_]+)"/g)].map((m) => m[1])),
    );
    const l = controlLocalizer(lcid);
    expect(keys.size).toBeGreaterThan(80);
    // The control's wording of these says Recheck or "above": the report has its own.
    for (const key of ["Fix_TestEnable", "Fix_SaveAndTestEnable", "Fix_GrantReadAndRecheck", "MailboxState_OkScheduled", "Schedule_Fix_FixCauseFirst"]) {
      expect([key, keys.has(key), l.text(key)]).toEqual([key, true, expect.stringMatching(/Recheck|Zkontrolovat znovu|above|výše/)]);
    }
    for (const key of keys) {
      const t = findingText({ rule: "mailbox-state", cause: null, status: "problem", detail: { key }, evidence: [], fix: [{ key }], links: [] }, l, () => null, true);
      for (const text of [t.detail, ...t.fix]) expect([key, text]).not.toEqual([key, expect.stringMatching(/Recheck|Zkontrolovat znovu|above|výše|this control|ovládací prv|on the form|na formuláři/)]);
    }
  });

  it("is plain code the control can bundle: no Node API, imports from the control's own modules only", () => {
    const source = fs.readFileSync(MODULE, "utf8");
    const imports = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    for (const from of imports) expect(from).toMatch(/^\.\.\/(diagnosis|model|i18n|rules)\//);
    expect(source).not.toMatch(/\b(require|process|Buffer|__dirname)\b|from "(fs|path|os)"/);
  });
});
