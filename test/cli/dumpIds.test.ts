/** @jest-environment node */
/**
 * The command line checks a dump and keys its rows by id in one pass (cli/dumpIds.ts): it accepts exactly
 * the dumps validateOrgDump accepts, refuses the others with validateOrgDump's own error, and its ids are
 * normalizeGuid's.
 */
import { OrgDumpError, validateOrgDump } from "../../MailboxHealth/data/orgDump";
import { isGuid, normalizeGuid } from "../../MailboxHealth/model/guid";
import { checkedDump, hashOf, isCanonicalGuid, normalizedId, rowsByIdOf } from "../../cli/dumpIds";
import { execFileSync } from "child_process";
import * as path from "path";
import { demoDump } from "./helpers";

const ROOT = path.join(__dirname, "..", "..");

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
      expect(isCanonicalGuid(sample)).toBe(isGuid(sample));
    }
  });
});

describe("checking alert ids stays linear on ids made to collide", () => {
  // FNV-1a's low bits depend only on the low bits of each character: ids that differ only in bit 15 of
  // their characters share the low 15 bits of the hash whatever its start. Without a hash that brings the
  // high bits down, 100,000 such ids fell into four slots of the table and took over a second (GUIDs:
  // 0.04 s); 500,000 would take minutes. Timed in a plain Node process on the compiled command line
  // (`npm ci` compiles it), where the check runs as it does for an admin: the CPU time of the check
  // alone, the least of three runs, a bound far above a linear check on any machine.
  it("takes about as long for 100,000 ids that differ only in the high bit of their characters as for 100,000 GUIDs", () => {
    const script = `
      const { checkedDump, rowsByIdOf } = require(${JSON.stringify(path.join(ROOT, "dist", "cli", "dumpIds.js"))});
      const dumpOf = (ids) => ({ mailboxes: [], tracelogs: ids.map((tracelogid) => ({ tracelogid })) });
      const n = 100000;
      const crafted = dumpOf(Array.from({ length: n }, (_, k) => Array.from({ length: 17 }, (_, bit) => String.fromCharCode(0x61 | ((k >> bit) & 1 ? 0x8000 : 0))).join("")));
      const guids = dumpOf(Array.from({ length: n }, (_, k) => "00000000-0000-4000-8000-" + String(k).padStart(12, "0")));
      const cpu = (dump) => { const s = process.cpuUsage(); checkedDump(dump); const u = process.cpuUsage(s); return (u.user + u.system) / 1000; };
      const least = (dump) => Math.min(cpu(dump), cpu(dump), cpu(dump));
      console.log(JSON.stringify({ crafted: least(crafted), guids: least(guids), keyed: !!rowsByIdOf(crafted) }));`;
    const out = execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
    const { crafted, guids, keyed } = JSON.parse(out) as { crafted: number; guids: number; keyed: boolean };
    expect(keyed).toBe(true);
    expect(crafted).toBeLessThan(5 * guids + 100);
  });

  it("hands ids that share too many slots to validateOrgDump's Map, with its answer", () => {
    // 80 ids in a table of 256 slots, all with the same low 8 bits of the hash: one run of 80 slots.
    const same: string[] = [];
    for (let n = 0; same.length < 80; n++) if ((hashOf(`id-${n}`) & 255) === 0) same.push(`id-${n}`);
    const crowded = { mailboxes: [], tracelogs: same.map((tracelogid) => ({ tracelogid })) };
    expect(outcome(() => checkedDump(crowded))).toBe("accepted");
    expect(rowsByIdOf(crowded)).toBeUndefined();
    const twice = { mailboxes: [], tracelogs: [...same, same[3]].map((tracelogid) => ({ tracelogid })) };
    expect(outcome(() => checkedDump(twice))).toBe(outcome(() => validateOrgDump(twice)));
    // The same number of ordinary ids is checked and keyed in one pass.
    const spread = { mailboxes: [], tracelogs: same.map((_, n) => ({ tracelogid: G(n) })) };
    expect(outcome(() => checkedDump(spread))).toBe("accepted");
    expect(rowsByIdOf(spread)).toBeDefined();
  });
});
