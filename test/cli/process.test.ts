/** @jest-environment node */
/**
 * The real bin, run as a process: what a user sees in a terminal or a script.
 * Every usage or input error: one line on stderr naming what is wrong (and the file), status 2, no stdout.
 */
import * as path from "path";
import { DEMO, NOW, demoDump, ensureBuilt, runBin, tempDir, writeTemp } from "./helpers";
import type { Json } from "./helpers";

beforeAll(() => ensureBuilt(), 120_000);

function expectInputError(args: string[], ...mentions: (string | RegExp)[]): string {
  const r = runBin(args);
  expect({ status: r.status, stdout: r.stdout }).toEqual({ status: 2, stdout: "" });
  expect(r.stderr).toMatch(/^mailbox-health: [^\n]+\n$/);
  for (const m of mentions) expect(r.stderr).toEqual(expect.stringMatching(m instanceof RegExp ? m : new RegExp(m.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))));
  return r.stderr;
}

describe("bad input: one line on stderr, exit status 2, nothing on stdout", () => {
  it("a missing file", () => {
    expectInputError(["diagnose", "no-such-dump.json"], "no-such-dump.json: no such file");
  });

  it("a folder instead of a file", () => {
    expectInputError(["diagnose", "demo"], "demo: is a folder");
  });

  it("invalid JSON", () => {
    const file = writeTemp("broken.json", '{ "mailboxes": [ { "mailboxid": "x" }, ]');
    expectInputError(["diagnose", file], `${file}, line 1, column 40: not valid JSON: expected a value`);
  });

  it("an empty file", () => {
    const file = writeTemp("empty.json", "");
    expectInputError(["diagnose", file], `${file}, line 1, column 1: not valid JSON: expected a value`);
  });

  it("JSON that is not an object", () => {
    const file = writeTemp("array.json", [{ mailboxid: "1" }]);
    expectInputError(["diagnose", file], `${file}: not an org dump: the dump is not a JSON object`);
  });

  it("a dump whose tables are not arrays", () => {
    const dump = demoDump();
    dump.tracelogs = { value: dump.tracelogs };
    const file = writeTemp("tables.json", dump);
    expectInputError(["diagnose", file], `${file}: not an org dump: "tracelogs" is not an array`);
  });

  it("a dump without mailboxes", () => {
    const dump = demoDump();
    delete dump.mailboxes;
    const file = writeTemp("nomailboxes.json", dump);
    expectInputError(["diagnose", file], `${file}: not an org dump: the dump has no "mailboxes" array`);
  });

  it("rows without ids", () => {
    const dump = demoDump();
    delete dump.systemusers[3].systemuserid;
    const file = writeTemp("noid.json", dump);
    expectInputError(["diagnose", file], `${file}: not an org dump: systemusers[3] has no "systemuserid"`);
  });

  it("a row that is not an object", () => {
    const dump = demoDump();
    dump.mailboxes.push("8ba060f1-0dfe-474b-b68c-6714479dd02e");
    const file = writeTemp("notobject.json", dump);
    expectInputError(["diagnose", file], `mailboxes[${dump.mailboxes.length - 1}] is not an object`);
  });

  it("an unknown --mailbox, by id or by address", () => {
    expectInputError(["diagnose", DEMO, "--mailbox", "nobody@contoso.com"], `${DEMO}: no mailbox has the id or email address "nobody@contoso.com"`);
    expectInputError(["diagnose", "--demo", "--mailbox", "00000000-0000-4000-8000-000000000000"], /demo\/org-dump\.json: no mailbox .*00000000-0000-4000-8000-000000000000/);
  });

  it("an unknown option", () => {
    expectInputError(["diagnose", "--demo", "--colour"], "unknown option --colour");
    expectInputError(["diagnose", "--demo", "-x"], "unknown option -x");
  });

  it("bad option values and missing values", () => {
    expectInputError(["diagnose", "--demo", "--format", "csv"], '--format must be table, json or markdown, not "csv"');
    expectInputError(["diagnose", "--demo", "--lang", "de"], '--lang must be en or cs, not "de"');
    expectInputError(["diagnose", "--demo", "--now", "yesterday"], '--now must be an ISO 8601 date');
    expectInputError(["diagnose", "--demo", "--now", "2026-13-45T09:00:00Z"], '--now must be an ISO 8601 date');
    expectInputError(["diagnose", "--demo", "--mailbox"], "option --mailbox needs a value");
    expectInputError(["diagnose", "--demo", "--format"], "option --format needs a value");
  });

  it("no command, an unknown command, no dump, a dump and --demo, two dumps", () => {
    expectInputError([], "no command given");
    expectInputError(["check", DEMO], 'unknown command "check"');
    expectInputError(["diagnose"], "name an org dump file, or use --demo");
    expectInputError(["diagnose", DEMO, "--demo"], "not both");
    expectInputError(["diagnose", DEMO, DEMO], "unexpected argument");
  });

  it("errors in Czech with --lang cs, still naming the file", () => {
    expectInputError(["diagnose", "chybi.json", "--lang", "cs"], "chybi.json: soubor neexistuje");
  });
});

describe("the demo, as a newcomer runs it", () => {
  it("prints the table: one line a mailbox, within 80 columns, no colour when stdout is not a terminal", () => {
    const r = runBin(["diagnose", "--demo"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("");
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Server-side synchronization health");
    expect(r.stdout).toContain("checked as of Nov 20, 2026, 9:00 AM");
    for (const row of demoDump().mailboxes as Json[]) {
      expect(lines.filter((l) => l.startsWith(row.name.slice(0, 30)) && /\s(Passed|Problem|Warning|To verify)\s/.test(l))).toHaveLength(1);
    }
    expect(r.stdout).toMatch(/^Cause 3 — no Exchange Online lic… +Problem +exchange-online-license$/m);
    expect(r.stdout).toMatch(/^Cause 2 — hybrid profile for an… +Problem +hybrid-profile-for-exchange-online$/m);
    expect(r.stdout).toMatch(/^Healthy user — Alex Wilber +Passed +—$/m);
    expect(r.stdout).toContain("Mailboxes: 14 · with a problem: 10 · with a warning: 4\nwith checks to verify: 9 · all checks passed: 3\n");
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/\u001b\[/);
    const long = lines.filter((l) => [...l].length > 80);
    expect(long.length).toBeGreaterThan(0); // the Learn links
    for (const l of long) expect(l).toMatch(/^\s+https:\/\/\S+$/);
  });

  it("gives JSON that parses, with exit status 1 because demo mailboxes have problems", () => {
    const r = runBin(["diagnose", "--demo", "--format", "json", "--now", NOW]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).mailboxes).toHaveLength(14);
  });

  it("exits 0 for a healthy mailbox and for one that only has a warning", () => {
    expect(runBin(["diagnose", DEMO, "--mailbox", "ALEXW@contoso.com", "--now", NOW]).status).toBe(0);
    expect(runBin(["diagnose", DEMO, "--mailbox", "lidiah@contoso.com", "--now", NOW]).status).toBe(0);
    expect(runBin(["diagnose", DEMO, "--mailbox", "pattif@contoso.com", "--now", NOW]).status).toBe(1);
  });

  it("speaks Czech with --lang cs", () => {
    const r = runBin(["diagnose", "--demo", "--lang", "cs", "--mailbox", "isaiahl@contoso.com"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Stav synchronizace na straně serveru");
    expect(r.stdout).toContain("Problém: Chybí licence Exchange Online");
    expect(r.stdout).toContain("https://learn.microsoft.com/cs-cz/");
    expect(r.stdout).not.toContain("https://learn.microsoft.com/en-us/");
  });

  it("shows --help and --version on stdout with status 0", () => {
    const help = runBin(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("mailbox-health diagnose <dump.json> [options]");
    for (const option of ["--demo", "--mailbox", "--format", "--lang", "--now", "--version"]) expect(help.stdout).toContain(option);
    const version = runBin(["--version"]);
    expect(version.status).toBe(0);
    expect(version.stdout).toBe(`${require(path.join(__dirname, "../../package.json")).version}\n`);
  });

  it("works from another folder: a relative dump path, and --demo found beside the bin", () => {
    const cwd = tempDir();
    const relative = runBin(["diagnose", path.relative(cwd, DEMO), "--format", "json", "--now", NOW], {}, cwd);
    expect(relative.stderr).toBe("");
    expect(JSON.parse(relative.stdout).mailboxes).toHaveLength(14);
    const demo = runBin(["diagnose", "--demo", "--format", "json"], {}, cwd);
    expect(demo.status).toBe(1);
    expect(JSON.parse(demo.stdout).mailboxes).toHaveLength(14);
  });
});
