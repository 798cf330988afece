/** @jest-environment node */
/**
 * Odd ids never abort the report: one GUID normalisation everywhere (idempotent, trims, braces, case),
 * and a mailbox that cannot be diagnosed is reported with its reason while the run goes on.
 */
import { normalizeGuid } from "../../MailboxHealth/model/guid";
import { diagnoseDump } from "../../cli/diagnoseDump";
import { mailboxView } from "../../cli/report";
import { localizerFor } from "../../cli/strings";
import type { DumpRequest } from "../../MailboxHealth/data/orgDump";
import { RULES } from "../../MailboxHealth/rules";
import { NOW, demoDump, runIn, writeTemp } from "./helpers";
import type { Json } from "./helpers";

const ID_COLUMNS = ["mailboxid", "emailserverprofileid", "systemuserid", "queueid", "tracelogid", "_regardingobjectid_value", "_emailserverprofile_value", "organizationid"];

function mapIds(dump: Json, f: (id: string) => string): Json {
  for (const table of ["mailboxes", "emailserverprofiles", "systemusers", "queues", "tracelogs", "organizations"]) {
    for (const row of dump[table] ?? []) for (const c of ID_COLUMNS) if (typeof row[c] === "string") row[c] = f(row[c]);
  }
  return dump;
}

async function json(dump: Json, name: string): Promise<{ status: number | null; stderr: string; report: Json }> {
  const r = await runIn(["diagnose", writeTemp(name, dump), "--format", "json", "--now", NOW]);
  return { status: r.status, stderr: r.stderr, report: r.stdout ? JSON.parse(r.stdout) : null };
}

const verdicts = (report: Json): string[] => report.mailboxes.map((m: Json) => m.verdict);

describe("normalizeGuid", () => {
  it("is idempotent, trims, drops braces and lower-cases", () => {
    for (const odd of ["{ x }", "{{x}}", " {ABC} ", "{", "}", "{}", " ", "\ud800", "a\udc00b", "{\u00a0X\u00a0}", "x}{", "}x{"]) {
      const once = normalizeGuid(odd);
      expect(normalizeGuid(once)).toBe(once);
    }
    expect(normalizeGuid(" {5F8D7E2A-1C3B-4E6F-9A0B-2C4D6E8F0A1B} ")).toBe("5f8d7e2a-1c3b-4e6f-9a0b-2c4d6e8f0a1b");
    expect(normalizeGuid("{{X}}")).toBe("x");
    expect(() => encodeURIComponent(normalizeGuid("a\ud800"))).not.toThrow();
  });
});

describe("odd ids in a dump", () => {
  it("ids with spaces and braces around them are matched everywhere: the demo's problems stay the same", async () => {
    const plain = await json(demoDump(), "ids-plain.json");
    const spaced = await json(mapIds(demoDump(), (id) => `  {${id.toUpperCase()}}  `), "ids-spaced.json");
    expect(spaced.stderr).toBe("");
    expect(verdicts(spaced.report)).toEqual(verdicts(plain.report));
    expect(verdicts(spaced.report).filter((v) => v === "problem")).toHaveLength(verdicts(plain.report).filter((v) => v === "problem").length);
    expect(spaced.status).toBe(plain.status);
  });

  it.each([["{ x }"], ["{{x}}"], ["lone \ud800 surrogate"], ["a`b"]])("a mailbox with the id %j gets a row, and so does every other", async (odd) => {
    const dump = demoDump();
    const n = dump.mailboxes.length;
    dump.mailboxes[0].mailboxid = odd;
    const r = await json(dump, `odd-id-${n}-${Buffer.from(odd).toString("hex").slice(0, 16)}.json`);
    expect(r.stderr).toBe("");
    expect([0, 1]).toContain(r.status);
    expect(r.report.mailboxes).toHaveLength(n);
  });

  it("a mailbox that cannot be diagnosed is reported with its reason, and the run goes on", async () => {
    const dump = demoDump();
    const broken = normalizeGuid(dump.mailboxes[2].mailboxid);
    // A read that fails in a way the checks never expect: the whole run used to stop with exit 2.
    const onRequest = (r: DumpRequest): void => {
      if (r.id === broken) throw new Error("the row could not be read");
    };
    const results = await diagnoseDump(dump, { now: new Date(NOW), onRequest });
    expect(results).toHaveLength(dump.mailboxes.length);
    const failed = results.find((d) => d.id === broken)!;
    expect(failed.error).toBe("the row could not be read");
    const view = mailboxView(failed, localizerFor("en"));
    expect(view.report.error).toBe("This mailbox could not be diagnosed: the row could not be read");
    expect(view.report.verdict).toBe("unverified");
    expect(view.report.findings.map((f) => f.rule)).toEqual(RULES.map((r) => r.id));
    expect(results.filter((d) => d.error)).toHaveLength(1);
  });

  it("two rows whose ids are the same once normalized are a damaged dump, named by their positions", async () => {
    const dump = demoDump();
    dump.mailboxes[0].mailboxid = "same";
    dump.mailboxes[1].mailboxid = " {SAME} ";
    const r = await json(dump, "duplicate-after-normalising.json");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/mailboxes\[1\].*mailboxes\[0\]/);
  });
});
