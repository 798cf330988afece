/** @jest-environment node */
/**
 * Property-based fuzzing of the command line (fast-check, fixed seed, bounded count): damaged and odd
 * dumps, every output format. Whatever the input: exit 0, 1 or 2; valid JSON when asked; a one-line
 * error with no control character; no secret value from the input anywhere in the output.
 */
import fc from "fast-check";
import { run } from "../../cli/main";
import { SECRET_COLUMNS } from "../../MailboxHealth/data/queries";
import { NOW, demoDump, writeTemp } from "./helpers";
import type { Json } from "./helpers";

const SECRET = "S3CRET-VALUE-from-the-input";
const RUNS = 60;
const SEED = 20261201;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A demo dump with every secret column filled with SECRET on every row. */
function seededDump(): Json {
  const dump = demoDump();
  for (const table of ["mailboxes", "emailserverprofiles", "systemusers", "queues", "organizations"]) {
    for (const row of dump[table] ?? []) for (const column of SECRET_COLUMNS) row[column] = `${SECRET}-${column}`;
  }
  return dump;
}

const oddString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("{ x }", "{{x}}", "\ud800", " \u001b]0;t\u0007 ", "a`<img src=x onerror=alert(1)>`", "x\n# h", "\u202Eevil", "", " "),
  fc.uuid().map((u) => ` {${u.toUpperCase()}} `),
);
const oddValue = fc.oneof(oddString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));

/** A change to one value of one row, by a path into the dump. */
const mutation = fc.record({
  table: fc.constantFrom("mailboxes", "emailserverprofiles", "systemusers", "queues", "tracelogs", "organizations"),
  row: fc.nat(40),
  column: fc.constantFrom(
    "mailboxid",
    "name",
    "emailaddress",
    "_regardingobjectid_value",
    "_emailserverprofile_value",
    "emailserverprofileid",
    "systemuserid",
    "queueid",
    "tracelogid",
    "text",
    "errordetails",
    "modifiedon",
    "statecode",
    "servertype",
    "incomingserverlocation",
    "internalemailaddress",
    "level",
  ),
  value: oddValue,
  remove: fc.boolean(),
});

/** Damage to the file's text: a cut, an inserted byte string, or a different encoding. */
const damage = fc.oneof(
  fc.constant({ kind: "none" as const }),
  fc.record({ kind: fc.constant("cut" as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant("insert" as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ unit: "binary", minLength: 1, maxLength: 8 }) }),
  fc.constant({ kind: "utf16" as const }),
);

function apply(dump: Json, m: { table: string; row: number; column: string; value: unknown; remove: boolean }): void {
  const rows = dump[m.table];
  if (!Array.isArray(rows) || rows.length === 0) return;
  const row = rows[m.row % rows.length];
  if (m.remove) delete row[m.column];
  else row[m.column] = m.value;
}

function encode(text: string, d: Json): Buffer {
  const at = (f: number) => Math.floor(f * text.length);
  switch (d.kind) {
    case "cut":
      return Buffer.from(text.slice(0, at(d.at)));
    case "insert":
      return Buffer.from(text.slice(0, at(d.at)) + d.text + text.slice(at(d.at)));
    case "utf16":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    default:
      return Buffer.from(text);
  }
}

let n = 0;
async function runOn(bytes: Buffer, format: string) {
  const file = writeTemp(`fuzz-${n++}.json`, "");
  require("fs").writeFileSync(file, bytes);
  let stdout = "";
  let stderr = "";
  const status = await run(["diagnose", file, "--format", format, "--now", NOW], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    env: {},
  });
  return { status, stdout, stderr };
}

describe("fuzzing the command line with damaged and odd dumps", () => {
  it("exit 0, 1 or 2; valid JSON when asked; clean one-line errors; no secret anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { maxLength: 6 }), damage, fc.constantFrom("json", "markdown", "table"), async (mutations, d, format) => {
        const dump = seededDump();
        for (const m of mutations) apply(dump, m);
        const r = await runOn(encode(JSON.stringify(dump, null, 1), d), format);
        expect([0, 1, 2]).toContain(r.status);
        expect(r.stdout + r.stderr).not.toContain(SECRET);
        if (r.status === 2) {
          expect(r.stdout).toBe("");
          expect(r.stderr).toMatch(/^mailbox-health: [^\n]*\n$/);
          expect(r.stderr.slice(0, -1)).not.toMatch(CONTROL);
        } else {
          expect(r.stderr).toBe("");
          if (format === "json") expect(() => JSON.parse(r.stdout)).not.toThrow();
          if (format === "table") expect(r.stdout.replace(/\n/g, "")).not.toMatch(CONTROL);
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 120_000);
});
