/** @jest-environment node */
/** The command line's arguments, and its own strings (cli/strings/Cli.*.resx). */
import * as fs from "fs";
import * as path from "path";
import { parseArgs, parseNow } from "../../cli/args";
import { CliError } from "../../cli/errors";
import { readResx } from "../../cli/strings";
import { ROOT, errorKey } from "./helpers";

describe("parseArgs", () => {
  it("reads diagnose with a file or --demo, and its options in either form", () => {
    expect(parseArgs(["diagnose", "dump.json"])).toEqual({
      command: "diagnose",
      file: "dump.json",
      demo: false,
      mailboxes: [],
      format: "table",
      lang: "en",
      now: null,
      only: [],
      output: null,
    });
    expect(parseArgs(["diagnose", "--demo", "--format=markdown", "--lang", "cs", "--now=2026-11-20T09:00:00Z", "--mailbox", "a@b.c", "--mailbox=x"])).toEqual({
      command: "diagnose",
      file: null,
      demo: true,
      mailboxes: ["a@b.c", "x"],
      format: "markdown",
      lang: "cs",
      now: new Date("2026-11-20T09:00:00Z"),
      only: [],
      output: null,
    });
    expect(parseArgs(["diagnose", "--demo", "--only", "problems,warnings", "--only=problems", "--output", "report.md"])).toMatchObject({
      only: ["problem", "warning"],
      output: "report.md",
    });
  });

  it("takes the last --lang, and a file named like an option after --", () => {
    expect(parseArgs(["diagnose", "--demo", "--lang", "cs", "--lang", "en"])).toMatchObject({ lang: "en" });
    expect(parseArgs(["diagnose", "--", "--odd-name.json"])).toMatchObject({ file: "--odd-name.json", demo: false });
  });

  it("answers --help and --version before anything else, in the chosen language", () => {
    expect(parseArgs(["diagnose", "--help"])).toEqual({ command: "help", lang: "en" });
    expect(parseArgs(["-h", "--lang", "cs"])).toEqual({ command: "help", lang: "cs" });
    expect(parseArgs(["help"])).toEqual({ command: "help", lang: "en" });
    expect(parseArgs(["-V"])).toEqual({ command: "version", lang: "en" });
  });

  it("refuses what it does not know", () => {
    expect(errorKey([])).toBe("Cli_Error_MissingCommand");
    expect(errorKey(["diagnose", "--demo", "--verbose"])).toBe("Cli_Error_UnknownOption");
    expect(errorKey(["diagnose", "--demo", "--mailbox", "--format", "json"])).toBe("Cli_Error_MissingValue");
    expect(errorKey(["diagnose", "--demo", "--mailbox="])).toBe("Cli_Error_MissingValue");
    expect(errorKey(["diagnose", "--demo", "--only", "problem"])).toBe("Cli_Error_BadOnly");
    expect(errorKey(["diagnose", "--demo", "--only", "problems,ok"])).toBe("Cli_Error_BadOnly");
    expect(errorKey(["diagnose", "--demo", "--output="])).toBe("Cli_Error_MissingValue");
    expect(errorKey(["diagnose", "--demo", "--format", "JSON"])).toBe("Cli_Error_BadFormat");
    expect(errorKey(["diagnose", "a.json", "b.json"])).toBe("Cli_Error_ExtraArgument");
  });

  it("accepts ISO 8601 dates only for --now", () => {
    expect(parseNow("2026-11-20").toISOString()).toBe("2026-11-20T00:00:00.000Z");
    expect(parseNow("2026-11-20T10:00:00+01:00").toISOString()).toBe("2026-11-20T09:00:00.000Z");
    for (const bad of ["20.11.2026", "Nov 20 2026", "1700000000", "2026-02-30T25:00:00Z", ""]) expect(() => parseNow(bad)).toThrow(CliError);
  });
});

describe("the command line's strings", () => {
  const en = readResx(path.join(ROOT, "cli/strings/Cli.1033.resx"));
  const cs = readResx(path.join(ROOT, "cli/strings/Cli.1029.resx"));
  const control = readResx(path.join(ROOT, "MailboxHealth/strings/MailboxHealth.1033.resx"));

  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith(".ts") ? [fs.readFileSync(path.join(dir, d.name), "utf8")] : [],
    );
  }

  it("exist in English and Czech with the same placeholders, and are translated", () => {
    expect([...cs.keys()].sort()).toEqual([...en.keys()].sort());
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, value] of en) {
      expect([key, placeholders(cs.get(key)!)]).toEqual([key, placeholders(value)]);
      expect([key, cs.get(key) === value]).toEqual([key, false]);
    }
  });

  it("cover every key the command line uses, and do not repeat the control's keys", () => {
    const used = new Set(sources(path.join(ROOT, "cli")).flatMap((text) => [...text.matchAll(/"(Cli_\w+)"/g)].map((m) => m[1])));
    expect(used.size).toBeGreaterThan(15);
    for (const key of used) expect([key, en.has(key)]).toEqual([key, true]);
    for (const key of en.keys()) expect([key, used.has(key), control.has(key)]).toEqual([key, true, false]);
  });
});
