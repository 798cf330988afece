/** @jest-environment node */
/**
 * The JSON report's mailboxes as written to a Node stream (cli/jsonMailbox.ts, `write`): texts, and the
 * kept texts of findings copied as UTF-8 bytes with the texts of their holes between them. Byte for byte
 * the UTF-8 of what `JSON.stringify(report, null, 2)` gives, when a finding's text is made and when it is
 * reused, for texts that JSON escapes and texts that are not ASCII.
 */
import * as fs from "fs";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
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

function expected(d: MailboxDiagnosis, lang: "en" | "cs"): Buffer {
  const whole = JSON.stringify({ mailboxes: [mailboxView(d, localizerFor(lang)).report] }, null, 2);
  return Buffer.from(",\n    " + whole.slice(HEAD.length, whole.length - TAIL.length), "utf8");
}

/** The bytes `write` gives; bytes given to the sink are copied at once, as the chunk writer does. */
function written(layout: MailboxJson, d: MailboxDiagnosis): Buffer {
  const out: Buffer[] = [];
  layout.write(d, ",\n    ", {
    text: (text) => out.push(Buffer.from(text, "utf8")),
    bytes: (bytes) => out.push(Buffer.from(bytes)),
  });
  return Buffer.concat(out);
}

async function all(): Promise<MailboxDiagnosis[]> {
  const demo = JSON.parse(fs.readFileSync(DEMO, "utf8")) as OrgDump;
  const out = await diagnoseDump(demo, { now: new Date(NOW) });
  for (const f of FIXTURES) out.push(...(await diagnoseDump(JSON.parse(JSON.stringify(f.dump)) as OrgDump, { now: new Date(NOW) })));
  return out;
}

describe("the JSON layout of a mailbox, as UTF-8 bytes", () => {
  it.each([["en"], ["cs"]] as const)("is JSON.stringify's, made and reused (%s)", async (lang) => {
    const diagnoses = await all();
    const layout = new MailboxJson(localizerFor(lang));
    for (let round = 0; round < 3; round++) {
      for (const d of diagnoses) expect(written(layout, d).equals(expected(d, lang))).toBe(true);
    }
  });

  it("fills in texts of any characters, between kept bytes", async () => {
    const [d] = await diagnoseDump(JSON.parse(fs.readFileSync(DEMO, "utf8")) as OrgDump, { now: new Date(NOW) });
    const layout = new MailboxJson(localizerFor("en"));
    const variant = (change: (f: Finding) => void): MailboxDiagnosis => {
      const copy = structuredClone(d);
      change(copy.result.findings[0]);
      return copy;
    };
    const texts = ['say "hi"', "back\\slash", "tab\there\nline", "\u0001", "lone \ud800", "\ud83d\ude00 smile", "žluťoučký kůň", ""];
    const variants = [
      d,
      ...texts.map((text) => variant((f) => (f.evidence = [{ field: "mailbox.name", value: text }, { field: "mailbox.emailaddress", value: `${text}@contoso.com` }]))),
      ...texts.map((text) => variant((f) => (f.detail = { key: "AddressMismatch_MatchBut401", args: { address: text } }))),
    ];
    for (let round = 0; round < 2; round++) {
      for (const v of variants) expect(written(layout, v).toString("utf8")).toBe(expected(v, "en").toString("utf8"));
    }
  });
});
