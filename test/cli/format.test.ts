/** @jest-environment node */
/**
 * The table and Markdown views: widths, colour only on a terminal without NO_COLOR, and server text
 * (names, addresses, alert texts) shown as text only — no terminal escapes, no Markdown or HTML.
 */
import { idLines } from "../../cli/format/table";
import { clean, truncate, wrap } from "../../cli/format/text";
import { md } from "../../cli/format/markdown";
import { useColor, widthOf } from "../../cli/main";
import { NOW, demoDump, demoMailbox, runIn, writeTemp } from "./helpers";
import type { Json } from "./helpers";

const ESC = "\u001b";
const longLines = (text: string, max: number) => text.split("\n").filter((l) => [...l].length > max);

describe("the table", () => {
  it("fits the terminal's width; only a URL may run longer", async () => {
    for (const columns of [60, 100, 132]) {
      const r = await runIn(["diagnose", "--demo"], { isTTY: true, columns, env: { NO_COLOR: "1" } });
      expect(r.status).toBe(1);
      for (const line of longLines(r.stdout, columns)) expect(line).toMatch(/^\s+https:\/\/\S+$/);
      const header = r.stdout.split("\n")[3];
      expect([...header].length).toBeLessThanOrEqual(columns);
    }
  });

  it("uses 80 columns when stdout is not a terminal, whatever its reported width", async () => {
    const r = await runIn(["diagnose", "--demo"], { isTTY: false, columns: 200 });
    expect(longLines(r.stdout, 80).every((l) => /^\s+https:\/\/\S+$/.test(l))).toBe(true);
    expect(r.stdout.split("\n")[4]).toMatch(/^─+ {2}─+ {2}─+$/);
    expect([...r.stdout.split("\n")[4]].length).toBe(80);
  });

  it("colours statuses on a terminal, and never when NO_COLOR is set or stdout is not a terminal", async () => {
    const tty = await runIn(["diagnose", "--demo"], { isTTY: true, columns: 80, env: {} });
    expect(tty.stdout).toContain(`${ESC}[31mProblem`);
    expect(tty.stdout).toContain(`${ESC}[32mPassed`);
    expect((await runIn(["diagnose", "--demo"], { isTTY: true, columns: 80, env: { NO_COLOR: "1" } })).stdout).not.toContain(ESC);
    expect((await runIn(["diagnose", "--demo"], { isTTY: false, env: {} })).stdout).not.toContain(ESC);
    expect((await runIn(["diagnose", "--demo", "--format", "json"], { isTTY: true, columns: 80, env: {} })).stdout).not.toContain(ESC);
    expect((await runIn(["diagnose", "--demo", "--format", "markdown"], { isTTY: true, columns: 80, env: {} })).stdout).not.toContain(ESC);
  });

  it("decides colour and width from the terminal", () => {
    const io = (isTTY: boolean, env: Record<string, string> = {}, columns?: number) => ({ stdout: { write: () => 0, isTTY, columns }, stderr: { write: () => 0 }, env });
    expect(useColor(io(true))).toBe(true);
    expect(useColor(io(true, { NO_COLOR: "1" }))).toBe(false);
    expect(useColor(io(false))).toBe(false);
    expect(widthOf(io(false, {}, 150))).toBe(80);
    expect(widthOf(io(true, {}, 150))).toBe(150);
    expect(widthOf(io(true, {}, 20))).toBe(80);
  });

  it("lists every problem rule of a mailbox by its whole id, on more lines when they do not fit", () => {
    expect(idLines([], 20)).toEqual(["—"]);
    expect(idLines(["address-mismatch"], 30)).toEqual(["address-mismatch"]);
    expect(idLines(["address-mismatch", "email-approval", "owner-state"], 35)).toEqual(["address-mismatch, email-approval,", "owner-state"]);
    expect(idLines(["address-mismatch", "email-approval", "owner-state"], 20)).toEqual(["address-mismatch,", "email-approval,", "owner-state"]);
    // Only an id longer than the column is broken, after a hyphen: never cut.
    expect(idLines(["hybrid-profile-for-exchange-online", "owner-state"], 20)).toEqual(["hybrid-profile-for-", "exchange-online,", "owner-state"]);
  });

  it("never cuts a rule id in the overview, at any width", async () => {
    for (const columns of [60, 80, 100]) {
      const out = (await runIn(["diagnose", "--demo"], { isTTY: true, columns, env: { NO_COLOR: "1" } })).stdout;
      const rows = out.slice(0, out.indexOf("Mailboxes: 14")).split("\n");
      const header = rows.findIndex((row) => row.startsWith("Mailbox "));
      const column = [...rows[header]].join("").indexOf("Problems");
      // An id longer than the column goes on after its hyphen on the next line.
      const ids = rows.slice(header + 2).map((row) => [...row].slice(column).join("").trim()).join(" ").replace(/- /g, "-");
      expect(ids).not.toContain("…");
      for (const rule of ["hybrid-profile-for-exchange-online", "exchange-online-basic-auth", "address-mismatch", "mailbox-state"]) {
        expect([columns, rule, ids.includes(rule)]).toEqual([columns, rule, true]);
      }
    }
  });
});

describe("server text in the terminal", () => {
  it("never lets control characters or escape sequences through, in either colour mode", async () => {
    const dump = demoDump();
    const adele = demoMailbox(dump, "Cause 1");
    adele.name = `Evil ${ESC}[2J${ESC}]0;owned${"\u0007"} mailbox\r\nSecond line\u009b31m`;
    const alert = dump.tracelogs.find((t: Json) => t._regardingobjectid_value === adele.mailboxid);
    alert.text = `${alert.text}\n${ESC}[31mfake error${ESC}[0m`;
    const file = writeTemp("escapes.json", dump);
    for (const terminal of [{ isTTY: false }, { isTTY: true, columns: 80, env: {} }]) {
      const out = (await runIn(["diagnose", file, "--now", NOW], terminal)).stdout;
      // eslint-disable-next-line no-control-regex
      const foreign = out.replace(/\u001b\[(?:0|1|2|31|32|33|36)m/g, "");
      // eslint-disable-next-line no-control-regex
      expect(foreign).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      // Shown visibly, so that a reader sees what was there; line breaks are spaces.
      expect(out).toContain("Evil \\x1B[2J\\x1B]0;owned\\x07 mailbox Second line\\x9B31m");
      expect(out).not.toContain("[2J" + ESC);
    }
  });

  it("clean, wrap and truncate keep text readable", () => {
    expect(clean(" a\tb\n\nc\u0000d ")).toBe("a b c\\x00d");
    expect(clean("x\u202Ey\u2066z\u200Fw")).toBe("x\\u202Ey\\u2066z\\u200Fw");
    expect(wrap("one two three four", 9)).toEqual(["one two", "three", "four"]);
    expect(wrap("x".repeat(25), 10)).toEqual(["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    const url = `https://learn.microsoft.com/${"a".repeat(80)}`;
    expect(wrap(`see ${url}`, 40)).toEqual(["see", url]);
    expect(truncate("Příčina 2 — hybridní profil", 12)).toBe("Příčina 2 —…");
  });
});

describe("Markdown", () => {
  it("escapes server text so that it renders as the same characters: no HTML, links or table breaks", async () => {
    const dump = demoDump();
    const adele = demoMailbox(dump, "Cause 1");
    adele.name = "<img src=x onerror=alert(1)> | *Adele* [click](https://evil.example) www.evil.example";
    const user = dump.systemusers.find((u: Json) => u.systemuserid === adele._regardingobjectid_value);
    user.internalemailaddress = "adele_vance@contoso.com";
    const lee = demoMailbox(dump, "Cause 2");
    const alert = dump.tracelogs.find((t: Json) => t._regardingobjectid_value === lee.mailboxid);
    alert.text = "<script>alert(1)</script> Email Server Error Code: Http server returned 401 Unauthorized exception.";
    const out = (await runIn(["diagnose", writeTemp("markdown.json", dump), "--format", "markdown", "--now", NOW])).stdout;
    expect(out).not.toMatch(/(?<!\\)<(img|script)/);
    expect(out).toContain("\\<img src=x onerror=alert(1)\\> \\| \\*Adele\\* \\[click\\](https\\://evil.example) www\\.evil.example");
    expect(out).toContain("adele\\_vance@contoso.com");
    expect(out).toContain("- `tracelog.text`: \\<script\\>alert(1)\\</script\\> Email Server Error Code");
    const row = out.split("\n").find((l) => l.includes("onerror"))!;
    expect(row.split(/(?<!\\)\|/).length).toBe(5); // | name | verdict | problems |
    // Links are only the rules' own, to allowed hosts.
    const targets = [...out.matchAll(/\]\((https?:[^)]+)\)/g)].map((m) => new URL(m[1]).hostname);
    expect(targets.length).toBeGreaterThan(10);
    expect(new Set(targets)).not.toContain("evil.example");
  });

  it("escapes what would start a block", () => {
    expect(md("# not a heading")).toBe("\\# not a heading");
    expect(md("1. not a list")).toBe("1\\. not a list");
    expect(md("- not a list")).toBe("\\- not a list");
    expect(md("a-b 1.5 ok")).toBe("a-b 1.5 ok");
  });

  it("has a heading, the summary table and the details", async () => {
    const out = (await runIn(["diagnose", "--demo", "--format", "markdown"])).stdout;
    expect(out.startsWith("# Server-side synchronization health\n")).toBe(true);
    expect(out).toContain("| Mailbox | Verdict | Problems |\n| --- | --- | --- |\n");
    expect(out).toContain("| Cause 3 — no Exchange Online licence | Problem | `exchange-online-license` |");
    expect(out).toContain("## Cause 3 — no Exchange Online licence");
    expect(out).toContain("### Problem: No Exchange Online licence");
    expect(out).not.toContain("## Healthy user — Alex Wilber");
  });
});

describe("the table's details say a reason once per mailbox", () => {
  // Were repeated: without read access to email server profiles, four checks each printed "Could not read
  // the email server profile …" and the step to ask for read access, for every mailbox of the report.
  it("the later checks with the same reason name the first, and leave it the steps they share", async () => {
    const dump = demoDump();
    const alex = demoMailbox(dump, "Healthy user — Alex Wilber");
    dump.mailboxes = [alex];
    dump.unreadableTables = { emailserverprofiles: "403 0x80040220 Principal user is missing prvReadEmailServerProfile privilege" };
    delete dump.emailserverprofiles;
    const r = await runIn(["diagnose", writeTemp("noprofiles.json", dump), "--now", NOW], { isTTY: false, env: {} });
    const details = r.stdout.slice(r.stdout.indexOf("Healthy user — Alex Wilber\n─"));
    const flat = details.replace(/\s+/g, " ");
    const reasons = flat.match(/Could not read the email server profile/g) ?? [];
    const same = flat.match(/Same reason as “Right profile type for an Exchange Online mailbox”/g) ?? [];
    const asks = flat.match(/Ask your administrator for read access/g) ?? [];
    expect([reasons.length, same.length, asks.length]).toEqual([1, 3, 1]);
  });
});

describe("the Markdown gives every finding whole", () => {
  // A finding quoted alone in a ticket still reads: the reason is not replaced by the name of another check.
  it("repeats a reason several checks share", async () => {
    const dump = demoDump();
    dump.mailboxes = [demoMailbox(dump, "Healthy user — Alex Wilber")];
    dump.unreadableTables = { emailserverprofiles: "403 0x80040220 Principal user is missing prvReadEmailServerProfile privilege" };
    delete dump.emailserverprofiles;
    const r = await runIn(["diagnose", writeTemp("noprofiles-md.json", dump), "--now", NOW, "--format", "markdown"], { isTTY: false, env: {} });
    const flat = r.stdout.replace(/\s+/g, " ");
    expect([(flat.match(/Could not read the email server profile/g) ?? []).length, flat.includes("Same reason as")]).toEqual([4, false]);
  });
});

describe("a table the scan could not read is named once, at the head of the report", () => {
  // Was nowhere: a dump saved by a scan without read access to a table gave every blocked check "you don't
  // have the privilege to read it", and the privilege the server named was in no line of the report.
  const dumpWithout = (reason: string) => {
    const dump = demoDump();
    dump.mailboxes = dump.mailboxes.slice(0, 3);
    dump.unreadableTables = { emailserverprofiles: reason };
    delete dump.emailserverprofiles;
    return writeTemp("unreadable-head.json", dump);
  };
  const REASON = "403 0x80040220 Principal user (Id=1) is missing prvReadEmailServerProfile privilege";

  it("in the table, once, with the server's reason", async () => {
    const r = await runIn(["diagnose", dumpWithout(REASON), "--now", NOW], { isTTY: false, env: {} });
    const flat = r.stdout.replace(/\s+/g, " ");
    expect(flat.split("prvReadEmailServerProfile").length - 1).toBe(1);
    expect(flat.indexOf("prvReadEmailServerProfile")).toBeLessThan(flat.indexOf("Mailboxes:"));
    expect(flat).toContain("Not read: emailserverprofiles");
  });

  it("in the table, with terminal escapes shown visibly and a long reason cut", async () => {
    const r = await runIn(["diagnose", dumpWithout(`${REASON} \u001b[2J\u0007 ${"x".repeat(5000)}`), "--now", NOW], { isTTY: false, env: {} });
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u001b]/);
    expect(r.stdout).toContain("\\x1B[2J\\x07");
    expect(r.stdout).not.toContain("x".repeat(400));
    expect(r.stdout.replace(/\s+/g, "")).toContain("x".repeat(300) + "…");
  });

  it("in the Markdown, once and escaped, and in Czech", async () => {
    const hostile = `${REASON} <img src=x> \u001b[31m`;
    const r = await runIn(["diagnose", dumpWithout(hostile), "--now", NOW, "--format", "markdown"], { isTTY: false, env: {} });
    expect(r.stdout.split("prvReadEmailServerProfile").length - 1).toBe(1);
    expect(r.stdout).toContain("\\<img src=x\\>");
    expect(r.stdout).toContain("\\\\x1B");
    expect(r.stdout).not.toContain("\u001b");
    const cs = await runIn(["diagnose", dumpWithout(REASON), "--now", NOW, "--lang", "cs"], { isTTY: false, env: {} });
    expect(cs.stdout.replace(/\s+/g, " ")).toContain("Nenačteno: emailserverprofiles");
  });
});
