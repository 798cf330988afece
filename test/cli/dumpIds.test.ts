/** @jest-environment node */
/**
 * The command line checks a dump and keys its rows by id in one pass (cli/dumpIds.ts): it accepts exactly
 * the dumps validateOrgDump accepts, refuses the others with validateOrgDump's own error, and its ids are
 * normalizeGuid's.
 */
import { OrgDumpError, validateOrgDump } from "../../MailboxHealth/data/orgDump";
import { normalizeGuid } from "../../MailboxHealth/model/guid";
import { checkedDump, isCanonicalGuid, normalizedId, rowsByIdOf } from "../../cli/dumpIds";
import { demoDump } from "./helpers";

const outcome = (f: () => unknown): string => {
  try {
    f();
    return "accepted";
  } catch (e) {
    if (e instanceof OrgDumpError) return `refused: ${e.message}`;
    throw e;
  }
};

const G = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("checkedDump accepts and refuses what validateOrgDump does", () => {
  const cases: [string, unknown][] = [
    ["the demo dump", demoDump()],
    ["no mailboxes", { systemusers: [] }],
    ["not an object", [1]],
    ["null", null],
    ["a table that is not an array", { mailboxes: [], queues: {} }],
    ["a row that is not an object", { mailboxes: [{ mailboxid: G(1) }, 7] }],
    ["a row that is an array", { mailboxes: [[]] }],
    ["a row without an id", { mailboxes: [{ name: "x" }] }],
    ["an id of white space", { mailboxes: [{ mailboxid: " \t" }] }],
    ["an id that is a number", { mailboxes: [{ mailboxid: 7 }] }],
    ["the same mailbox twice", { mailboxes: [{ mailboxid: G(1) }, { mailboxid: G(2) }, { mailboxid: `{${G(1).toUpperCase()}}` }] }],
    ["the same alert twice", { mailboxes: [], tracelogs: [{ tracelogid: G(1) }, { tracelogid: G(2) }, { tracelogid: ` ${G(2)} ` }] }],
    ["alerts with odd ids", { mailboxes: [], tracelogs: [{ tracelogid: "x" }, { tracelogid: "X" }, { tracelogid: "{y}" }, { tracelogid: "\ud800" }] }],
    ["alerts with odd ids, one twice", { mailboxes: [], tracelogs: [{ tracelogid: "{x}" }, { tracelogid: "X " }] }],
    ["an alert without an id", { mailboxes: [], tracelogs: [{ tracelogid: G(1) }, {}] }],
    ["many alerts", { mailboxes: [], tracelogs: Array.from({ length: 5000 }, (_, i) => ({ tracelogid: G(i) })) }],
    ["many alerts, one twice", { mailboxes: [], tracelogs: Array.from({ length: 5000 }, (_, i) => ({ tracelogid: G(i === 4321 ? 17 : i) })) }],
    ["RetrieveCurrentOrganization not an object", { mailboxes: [], RetrieveCurrentOrganization: [] }],
    ["its Detail not an object", { mailboxes: [], RetrieveCurrentOrganization: { Detail: "x" } }],
    ["its Detail null", { mailboxes: [], RetrieveCurrentOrganization: { Detail: null } }],
  ];

  it.each(cases)("%s", (_name, dump) => {
    const expected = outcome(() => validateOrgDump(dump));
    expect(outcome(() => checkedDump(dump))).toBe(expected);
    if (expected === "accepted") {
      const rows = rowsByIdOf(dump as never);
      expect(rows).toBeDefined();
      const mailboxes = (dump as { mailboxes: { mailboxid: string }[] }).mailboxes;
      expect([...rows!.mailboxes.keys()]).toEqual(mailboxes.map((row) => normalizeGuid(row.mailboxid)));
      expect([...rows!.mailboxes.values()]).toEqual(mailboxes);
    }
  });
});

describe("normalizedId is normalizeGuid", () => {
  it("for GUIDs in every spelling and for odd text", () => {
    const samples = [G(1), G(1).toUpperCase(), `{${G(1)}}`, ` ${G(1)}`, `${G(1)}\n`, G(1).replace(/-/g, ""), `${G(1)}0`, G(1).slice(1), "", "x", "{ x }", "{{x}}", "\ud800", "g0000000-0000-4000-8000-000000000000"];
    for (let i = 0; i < 36; i++) {
      for (const c of ["-", "0", "9", "a", "f", "g", "A", "F", "/", ":", "`", "\u0660"]) samples.push(G(123).slice(0, i) + c + G(123).slice(i + 1));
    }
    for (const sample of samples) {
      expect(normalizedId(sample)).toBe(normalizeGuid(sample));
      expect(isCanonicalGuid(sample)).toBe(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(sample));
    }
  });
});
