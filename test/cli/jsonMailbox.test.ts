/** @jest-environment node */
/**
 * The JSON report's mailboxes as laid out in one text, and as written to a Node stream (`write`: texts,
 * and the kept texts of findings copied as UTF-8 bytes with the texts of their holes between them), with the
 * texts of findings kept and reused (cli/jsonMailbox.ts), are byte for byte what
 * `JSON.stringify(report, null, 2)` gives: for every demo and fixture mailbox, in both languages, when a
 * finding's text is made and when it is reused, for findings that differ in one value only, and for texts
 * that JSON escapes and texts that are not ASCII.
 */
import * as fs from "fs";
import type { DumpRequest, OrgDump } from "../../MailboxHealth/data/orgDump";
import type { Finding } from "../../MailboxHealth/model/finding";
import { diagnoseDump } from "../../cli/diagnoseDump";
import type { MailboxDiagnosis } from "../../cli/diagnoseDump";
import { MailboxJson } from "../../cli/jsonMailbox";
import { mailboxView } from "../../cli/report";
import { localizerFor } from "../../cli/strings";
import { FIXTURES } from "../support/fixtures";
import { DEMO, NOW } from "./helpers";

const HEAD = '{\n  "mailboxes": [\n    ';
const TAIL = "\n  ]\n}";

function expected(d: MailboxDiagnosis, lang: "en" | "cs"): string {
  const whole = JSON.stringify({ mailboxes: [mailboxView(d, localizerFor(lang)).report] }, null, 2);
  return whole.slice(HEAD.length, whole.length - TAIL.length);
}


/** What comes before a mailbox that is not the first. */
const LEAD = ",\n    ";

/** The bytes `write` gives; bytes given to the sink are copied at once, as the chunk writer does. */
function written(layout: MailboxJson, d: MailboxDiagnosis): Buffer {
  const out: Buffer[] = [];
  layout.write(d, LEAD, {
    text: (text) => out.push(Buffer.from(text, "utf8")),
    bytes: (bytes) => out.push(Buffer.from(bytes)),
  });
  return Buffer.concat(out);
}

async function all(): Promise<MailboxDiagnosis[]> {
  const demo = JSON.parse(fs.readFileSync(DEMO, "utf8")) as OrgDump;
  const out = await diagnoseDump(demo, { now: new Date(NOW) });
  for (const f of FIXTURES) out.push(...(await diagnoseDump(JSON.parse(JSON.stringify(f.dump)) as OrgDump, { now: new Date(NOW) })));
  // And a mailbox that could not be diagnosed: its head has an "error" with its reason.
  const broken = String(demo.mailboxes![1].mailboxid).toLowerCase();
  const onRequest = (r: DumpRequest): void => {
    if (r.id === broken) throw new Error('the row "could" not be read');
  };
  out.push(...(await diagnoseDump(demo, { now: new Date(NOW), onRequest })).filter((d) => d.error));
  return out;
}

/** The demo's first mailbox, and copies of it with its first finding changed. */
async function demoMailbox(): Promise<{ d: MailboxDiagnosis; variant: (change: (f: Finding) => void) => MailboxDiagnosis }> {
  const [d] = await diagnoseDump(JSON.parse(fs.readFileSync(DEMO, "utf8")) as OrgDump, { now: new Date(NOW) });
  const variant = (change: (f: Finding) => void): MailboxDiagnosis => {
    const copy = structuredClone(d);
    change(copy.result.findings[0]);
    return copy;
  };
  return { d, variant };
}

describe("the JSON layout of a mailbox", () => {
  // As one text (`text`), and as UTF-8 written to a chunk (`write`), in both languages.
  const ways = { text: (layout: MailboxJson, d: MailboxDiagnosis) => Buffer.from(LEAD + layout.text(d), "utf8"), bytes: written };
  it.each([
    ["en", "text"],
    ["cs", "text"],
    ["en", "bytes"],
    ["cs", "bytes"],
  ] as const)("is JSON.stringify's, made and reused (%s, %s)", async (lang, way) => {
    const diagnoses = await all();
    expect(diagnoses.filter((d) => d.error)).toHaveLength(1);
    const layout = new MailboxJson(localizerFor(lang));
    // Three rounds: the first makes the findings' texts, the next ones reuse them.
    for (let round = 0; round < 3; round++) {
      for (const d of diagnoses) expect(ways[way](layout, d).toString("utf8")).toBe(LEAD + expected(d, lang));
    }
  });

  it("tells apart findings that differ in one value, of any kind", async () => {
    const { d, variant } = await demoMailbox();
    const layout = new MailboxJson(localizerFor("en"));
    const variants = [
      d,
      variant((f) => (f.evidence = [{ field: "mailbox.name", value: "7" }])),
      variant((f) => (f.evidence = [{ field: "mailbox.name", value: { option: "statecode", value: 7 } }])),
      variant((f) => (f.evidence = [{ field: "mailbox.name", value: null }])),
      variant((f) => (f.evidence = [{ field: "mailbox.name", value: { unknown: true } }])),
      variant((f) => (f.evidence = [{ field: "mailbox.name", value: { flag: true } }])),
      variant((f) => (f.evidence = [{ field: "mailbox.name", value: { flag: false } }])),
      variant((f) => (f.evidence = [{ field: "mailbox.name", value: { date: "2026-11-20T08:00:00.000Z" } }])),
      variant((f) => (f.detail = { key: "Detail_ColumnsUnknown", args: { columns: "7" } })),
      variant((f) => (f.detail = { key: "Detail_ColumnsUnknown", args: { columns: 7 } })),
      variant((f) => (f.detail = { key: "Detail_ColumnsUnknown", args: {} })),
      variant((f) => (f.detail = { key: "Detail_ColumnsUnknown" })),
      variant((f) => (f.detail = { key: "Detail_ColumnsUnknown", args: { columns: { key: "Data_profile" } } })),
      variant((f) => (f.fix = [{ key: "Fix_TestEnable" }, { key: "Schedule_Fix_FixCauseFirst" }])),
      variant((f) => (f.links = [{ label: { key: "Data_profile" }, url: "https://learn.microsoft.com/en-us/power-platform/admin/" }])),
      variant((f) => (f.cause = null)),
      variant((f) => (f.status = "warning")),
      // Evidence texts are filled into the kept text: any characters, and what stands for them while it is made.
      ...['say "hi"', "back\\slash", "tab\there\nline", "\u0001", "\u00010\u0001", "lone \ud800", "žluťoučký kůň", ""].map((text) =>
        variant((f) => (f.evidence = [{ field: "mailbox.name", value: text }, { field: "mailbox.emailaddress", value: `${text}@contoso.com` }])),
      ),
      variant((f) => (f.evidence = [{ field: "mailbox.name", value: "\u00011\u0001" }, { field: "mailbox.name", value: "\u00010\u0001" }])),
      variant((f) => {
        f.evidence = [{ field: "mailbox.name", value: "x" }];
        f.detail = { key: "Detail_ColumnsUnknown", args: { columns: "\u00010\u0001" } };
      }),
      // Texts of arguments are filled in too: any characters, surrogates at their ends, a date's.
      ...['say "hi"', "a\\b", "\ud83d\ude00 smile", "\ud800", "x\udc00", "\u0001", "tab\t"].map((text) =>
        variant((f) => (f.detail = { key: "AddressMismatch_MatchBut401", args: { address: text } })),
      ),
      variant((f) => (f.detail = { key: "Detail_ColumnsUnknown", args: { columns: { key: "Date", args: { iso: "2026-11-20T08:00:00.000Z" } } } })),
      variant((f) => (f.detail = { key: "Detail_ColumnsUnknown", args: { columns: { key: "Date", args: { iso: "2026-11-21T08:00:00.000Z" } } } })),
    ];
    for (let round = 0; round < 2; round++) {
      for (const v of variants) expect(layout.text(v)).toBe(expected(v, "en"));
    }
    // Some differ in what the text does not show (7 or "7"): most read differently.
    expect(new Set(variants.map((v) => expected(v, "en"))).size).toBeGreaterThan(27);
  });
});

describe("the JSON layout of a mailbox, as UTF-8 bytes", () => {
  it("fills in texts of any characters, between kept bytes", async () => {
    const { d, variant } = await demoMailbox();
    const layout = new MailboxJson(localizerFor("en"));
    const texts = ['say "hi"', "back\\slash", "tab\there\nline", "\u0001", "lone \ud800", "\ud83d\ude00 smile", "žluťoučký kůň", ""];
    const variants = [
      d,
      ...texts.map((text) => variant((f) => (f.evidence = [{ field: "mailbox.name", value: text }, { field: "mailbox.emailaddress", value: `${text}@contoso.com` }]))),
      ...texts.map((text) => variant((f) => (f.detail = { key: "AddressMismatch_MatchBut401", args: { address: text } }))),
    ];
    for (let round = 0; round < 2; round++) {
      for (const v of variants) expect(written(layout, v).toString("utf8")).toBe(LEAD + expected(v, "en"));
    }
  });
});
