/** @jest-environment node */
/**
 * A report an admin can use: the summary counts every status, rules are never cut, no step speaks of the
 * control's form, `--only` and `--output`, the JSON's metadata and summary, and a dump judged as of when
 * it was read.
 */
import * as fs from "fs";
import * as path from "path";
import { NOW, demoDump, demoMailbox, runIn, runJson, tempDir, writeTemp } from "./helpers";
import type { Json } from "./helpers";

process.env.TZ = "UTC";

/** Words that only make sense on the control's form, in either language. */
const FORM_WORDS = [/Recheck/, /Zkontrolovat znovu/, /causes above/, /výše/, /\bcontrol\b/i, /ovládací prv/, /on the form/, /na formuláři/];

describe("the summary", () => {
  it("counts the mailboxes with at least one finding of each status, and says so", async () => {
    const r = await runIn(["diagnose", "--demo"]);
    expect(r.stdout).toContain("Mailboxes: 14 · with a problem: 10 · with a warning: 4\nwith checks to verify: 9 · all checks passed: 3\n");
    const { report } = await runJson(["diagnose", "--demo"]);
    const withStatus = (status: string) => report.mailboxes.filter((m: Json) => m.findings.some((f: Json) => f.status === status)).length;
    // Each rule's mailboxes by status, counted here from the findings themselves.
    const rules: string[] = report.mailboxes[0].findings.map((f: Json) => f.rule);
    const byRule = Object.fromEntries(
      rules.map((rule) => [
        rule,
        Object.fromEntries(["problem", "warning", "unverified"].map((s) => [s, report.mailboxes.filter((m: Json) => m.findings.some((f: Json) => f.rule === rule && f.status === s)).length])),
      ]),
    );
    expect(report.summary).toEqual({
      mailboxes: 14,
      listed: 14,
      verdicts: { problem: 10, warning: 1, unverified: 0, ok: 3 },
      mailboxesWith: { problem: withStatus("problem"), warning: withStatus("warning"), unverified: withStatus("unverified") },
      exitStatus: 1,
      byRule,
      byProfile: expect.any(Array),
    });
    expect(Object.keys(report.summary.byRule)).toHaveLength(11);
    expect(report.summary.byRule["address-mismatch"]).toEqual({ problem: 2, warning: 0, unverified: 6 });
    expect(report.summary.byRule["processing-schedule"]).toEqual({ problem: 0, warning: 2, unverified: 0 });
    expect(report.summary.mailboxesWith).toEqual({ problem: 10, warning: 4, unverified: 9 });
  });

  it("names, under the counts, each check with the mailboxes where it found a problem or a warning, most first", async () => {
    const table = (await runIn(["diagnose", "--demo"])).stdout;
    expect(table).toContain(
      "all checks passed: 3\n\nProblems by check: address-mismatch 2 · exchange-online-basic-auth 2\n  email-approval 2 · hybrid-profile-for-exchange-online 1\n",
    );
    expect(table).toContain("\nWarnings by check: processing-schedule 2\n  hybrid-profile-for-exchange-online 1 · owner-state 1 · mailbox-state 1\n\n");
    const markdown = (await runIn(["diagnose", "--demo", "--format", "markdown"])).stdout;
    expect(markdown).toContain(
      "\n\nProblems by check: `address-mismatch` 2 · `exchange-online-basic-auth` 2 · `email-approval` 2 · `hybrid-profile-for-exchange-online` 1 · `exchange-online-license` 1 · `tenant-mismatch` 1 · `ews-basic-auth` 1 · `recreated-user` 1 · `owner-state` 1 · `mailbox-state` 1\n\nWarnings by check: ",
    );
    // Over every mailbox checked, whatever --only lists, as the counts above it.
    const only = await runJson(["diagnose", "--demo", "--only", "warnings"]);
    expect(only.report.summary.byRule["address-mismatch"].problem).toBe(2);
    // A healthy mailbox: no such line.
    const healthy = (await runIn(["diagnose", "--demo", "--mailbox", "alexw@contoso.com"])).stdout;
    expect(healthy).not.toMatch(/by check/);
  });

  it("names each email server profile with its mailboxes and those with a problem, counted from the dump", async () => {
    const dump = demoDump();
    const { report } = await runJson(["diagnose", "--demo"]);
    const verdictOf = new Map(report.mailboxes.map((m: Json) => [m.mailboxid, m]));
    const expected = new Map<string, Json>();
    for (const row of dump.mailboxes as Json[]) {
      const id = row._emailserverprofile_value;
      const profile = (dump.emailserverprofiles as Json[]).find((p) => p.emailserverprofileid === id);
      const entry = expected.get(id) ?? { emailserverprofileid: id, name: profile.name, lookup: "read", mailboxes: 0, mailboxesWith: { problem: 0, warning: 0, unverified: 0 } };
      expected.set(id, entry);
      entry.mailboxes++;
      const findings = (verdictOf.get(row.mailboxid) as Json).findings;
      for (const s of ["problem", "warning", "unverified"]) if (findings.some((f: Json) => f.status === s)) entry.mailboxesWith[s]++;
    }
    expect(report.summary.byProfile).toEqual([...expected.values()]);
    const table = (await runIn(["diagnose", "--demo"])).stdout;
    expect(table).toContain("\n\nBy email server profile:\n  Microsoft Exchange Online: 8 mailboxes, with a problem: 5\n");
    expect(table).toContain("\n  Contoso on-premises Exchange (NTLM): 1 mailbox, with a problem: 1\n");
    const czech = (await runIn(["diagnose", "--demo", "--lang", "cs", "--format", "markdown"])).stdout;
    expect(czech).toContain("**Podle profilu e-mailového serveru:**\n\n- Microsoft Exchange Online: 8 schránek, s problémem: 5\n- Exchange Online (legacy, user name and password): 2 schránky, s problémem: 2\n- Contoso on-premises Exchange (NTLM): 1 schránka, s problémem: 1\n");
    // One mailbox: nothing to compare.
    expect((await runIn(["diagnose", "--demo", "--mailbox", "adelev@contoso.com"])).stdout).not.toContain("By email server profile");
  });

  it("a mailbox without a profile, a profile not read, and a profile's name as text", async () => {
    const dump = demoDump();
    (dump.mailboxes as Json[])[0]._emailserverprofile_value = null;
    delete (dump.mailboxes as Json[])[1]._emailserverprofile_value;
    const exo = (dump.emailserverprofiles as Json[]).find((p) => p.name === "Microsoft Exchange Online");
    exo.name = "Exchange\u001b[31m *Online* <b>";
    const file = writeTemp("profiles.json", dump);
    const { report } = await runJson(["diagnose", file]);
    const byLookup = (lookup: string) => report.summary.byProfile.filter((p: Json) => p.lookup === lookup);
    expect(byLookup("empty")).toEqual([expect.objectContaining({ emailserverprofileid: null, name: null, mailboxes: 1 })]);
    expect(byLookup("not-read")).toEqual([expect.objectContaining({ emailserverprofileid: null, name: null, mailboxes: 1 })]);
    const table = (await runIn(["diagnose", file])).stdout;
    expect(table).toContain("  (no email server profile): 1 mailbox");
    expect(table).toContain("  (profile not read): 1 mailbox");
    expect(table).toContain("  Exchange\\x1B[31m *Online* <b>: 6 mailboxes");
    const markdown = (await runIn(["diagnose", file, "--format", "markdown"])).stdout;
    expect(markdown).toContain("- Exchange\\\\x1B\\[31m \\*Online\\* \\<b\\>: 6 mailboxes");
  });

  it("in Czech too", async () => {
    const r = await runIn(["diagnose", "--demo", "--lang", "cs", "--format", "markdown"]);
    expect(r.stdout).toContain("Schránky: 14 · s problémem: 10 · s upozorněním: 4 · s kontrolami k ověření: 9 · všechny kontroly v pořádku: 3\n");
    expect(r.stdout).toContain("\n\nUpozornění podle kontroly: `processing-schedule` 2 · `hybrid-profile-for-exchange-online` 1 · `owner-state` 1 · `mailbox-state` 1\n");
  });
});

describe("next steps for someone who is not on the control's form", () => {
  it.each([["en"], ["cs"]])("no format says Recheck, above or this control (%s)", async (lang) => {
    for (const format of ["table", "markdown", "json"]) {
      const out = (await runIn(["diagnose", "--demo", "--lang", lang, "--format", format])).stdout;
      for (const word of FORM_WORDS) expect([format, word, word.test(out)]).toEqual([format, word, false]);
    }
  });

  it("says to run the check again, and fix the problems first only when there is one", async () => {
    const { report } = await runJson(["diagnose", "--demo", "--mailbox", "lidiah@contoso.com"]);
    const schedule = report.mailboxes[0].findings.find((f: Json) => f.rule === "processing-schedule");
    expect(schedule.fix).toEqual(["Open the mailbox and select Test & Enable Mailbox; after a few minutes, run this check again."]);
    const dump = demoDump();
    const lidia = demoMailbox(dump, "Postponed after errors");
    lidia.emailaddress = "someone.else@contoso.com"; // now also a problem: the address differs from the user's
    const both = (await runJson(["diagnose", writeTemp("postponed-problem.json", dump), "--mailbox", lidia.mailboxid, "--now", NOW])).report;
    const fix = both.mailboxes[0].findings.find((f: Json) => f.rule === "processing-schedule").fix;
    expect(fix[0]).toBe("First fix the problems listed for this mailbox: Test & Enable then resets the schedule.");
  });
});

describe("--only", () => {
  it("lists the mailboxes that need work; the summary and the exit status still cover every mailbox", async () => {
    const problems = await runJson(["diagnose", "--demo", "--only", "problems"]);
    expect(problems.status).toBe(1);
    expect(problems.report.mailboxes.map((m: Json) => m.verdict)).toEqual(Array(10).fill("problem"));
    expect(problems.report.summary).toMatchObject({ mailboxes: 14, listed: 10 });
    expect(problems.report.metadata.only).toEqual(["problem"]);

    const unverified = await runJson(["diagnose", "--demo", "--only", "unverified"]);
    expect(unverified.report.mailboxes).toHaveLength(9);
    for (const m of unverified.report.mailboxes) expect(m.findings.some((f: Json) => f.status === "unverified")).toBe(true);

    // Lidia's mailbox only has a warning: listed, and the run still fails for the others' problems.
    const warnings = await runIn(["diagnose", "--demo", "--only", "warnings,unverified"]);
    expect(warnings.status).toBe(1);
    expect(warnings.stdout).toContain("Postponed after errors — Lidia Holloway");
    expect(warnings.stdout).not.toContain("Healthy user");
    expect(warnings.stdout).toContain("Shown: 10 of 14 (--only warnings,unverified).");
  });

  it("an empty list is still a report, with the exit status of every mailbox", async () => {
    const r = await runIn(["diagnose", "--demo", "--mailbox", "alexw@contoso.com", "--only", "problems", "--format", "markdown"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Shown: 0 of 1 (--only problems).");
    expect(r.stdout).not.toContain("## ");
  });
});

describe("--output", () => {
  it("writes the report to the file, nothing to stdout, atomically", async () => {
    const file = path.join(tempDir(), "report.md");
    fs.writeFileSync(file, "an older report");
    const r = await runIn(["diagnose", "--demo", "--format", "markdown", "--output", file]);
    expect(r).toEqual({ status: 1, stdout: "", stderr: "" });
    expect(fs.readFileSync(file, "utf8")).toBe((await runIn(["diagnose", "--demo", "--format", "markdown"])).stdout);
    expect(fs.readdirSync(tempDir()).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("a table in a file is 80 columns and has no colour, whatever the terminal", async () => {
    const file = path.join(tempDir(), "report.txt");
    await runIn(["diagnose", "--demo", "--output", file], { isTTY: true, columns: 150, env: {} });
    const text = fs.readFileSync(file, "utf8");
    expect(text).not.toContain("\u001b");
    expect(text).toBe((await runIn(["diagnose", "--demo"])).stdout);
  });

  it("refuses to overwrite the dump it reads, by any name", async () => {
    const dump = writeTemp("precious.json", demoDump());
    const before = fs.readFileSync(dump, "utf8");
    const link = path.join(tempDir(), "link-to-precious.json");
    fs.rmSync(link, { force: true });
    fs.symlinkSync(dump, link);
    for (const output of [dump, link, `${path.dirname(dump)}/./precious.json`]) {
      const r = await runIn(["diagnose", dump, "--now", NOW, "--output", output]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(`mailbox-health: ${output}: --output must not name the org dump the report is made from\n`);
    }
    expect(fs.readFileSync(dump, "utf8")).toBe(before);
  });

  it("a file it cannot write: exit 2, the path and the reason, nothing left behind", async () => {
    const missing = path.join(tempDir(), "no-such-folder", "report.json");
    const r = await runIn(["diagnose", "--demo", "--format", "json", "--output", missing]);
    expect(r).toEqual({ status: 2, stdout: "", stderr: `mailbox-health: ${missing}: cannot write the report (ENOENT); nothing was written\n` });
    const folder = path.join(tempDir(), "a-folder");
    fs.mkdirSync(folder, { recursive: true });
    const onFolder = await runIn(["diagnose", "--demo", "--output", folder]);
    expect(onFolder.status).toBe(2);
    expect(onFolder.stderr).toMatch(new RegExp(`^mailbox-health: ${folder.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: cannot write the report \\(E[A-Z]+\\); nothing was written\\n$`));
    expect(fs.readdirSync(tempDir()).filter((f) => f.endsWith(".part"))).toEqual([]);
  });

  it("an input error leaves an existing file as it was", async () => {
    const file = path.join(tempDir(), "kept.md");
    fs.writeFileSync(file, "kept");
    const r = await runIn(["diagnose", "--demo", "--mailbox", "nobody@contoso.com", "--output", file]);
    expect(r.status).toBe(2);
    expect(fs.readFileSync(file, "utf8")).toBe("kept");
    expect(fs.readdirSync(tempDir()).filter((f) => f.endsWith(".part"))).toEqual([]);
  });
});

describe("the JSON's metadata, and a dump's readAt", () => {
  it("names the tool's version, the moment checked, the source and when it was read", async () => {
    const version = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8")).version;
    const { report } = await runJson(["diagnose", "--demo"]);
    expect(report.metadata).toEqual({
      tool: "mailbox-health",
      version,
      checkedAt: "2026-11-20T09:00:00.000Z",
      sourceType: "dump",
      source: "demo/org-dump.json",
      dumpReadAt: null,
      language: "en",
      only: null,
      unreadableTables: {},
    });
  });

  it("names the tables the dump records as unreadable, with the server's reason, whole", async () => {
    const dump = demoDump();
    const reason = "403 0x80040220 Principal user (Id=1, type=8) is missing prvReadEmailServerProfile privilege (Id=2) " + "x".repeat(500);
    Object.assign(dump, { unreadableTables: { emailserverprofiles: reason, RetrieveCurrentOrganization: "500 server", tracelogs: 7 } });
    const { report } = await runJson(["diagnose", writeTemp("unreadable.json", dump)]);
    // A reason that is not text is not one: the dump's reading leaves it out, as the checks do.
    expect(report.metadata.unreadableTables).toEqual({ emailserverprofiles: reason, RetrieveCurrentOrganization: "500 server" });
    expect(report.mailboxes.every((m: { findings: { rule: string; status: string }[] }) => m.findings.find((f) => f.rule === "tenant-mismatch")!.status !== "ok")).toBe(true);
  });

  it("judges a dump as of when it was read, unless --now says otherwise", async () => {
    const dump = demoDump();
    dump.readAt = "2026-11-20T09:00:00Z";
    const file = writeTemp("read-at.json", dump);
    // A week later, the postponement the dump held is still there.
    const later = await runJson(["diagnose", file, "--mailbox", "lidiah@contoso.com"]);
    expect(later.report.metadata).toMatchObject({ checkedAt: "2026-11-20T09:00:00.000Z", dumpReadAt: "2026-11-20T09:00:00.000Z" });
    expect(later.report.mailboxes[0].verdict).toBe("warning");
    expect((await runIn(["diagnose", file, "--mailbox", "lidiah@contoso.com", "--format", "markdown"])).stdout).toContain(
      `Org dump ${file}, checked as of when it was read, Nov 20, 2026, 9:00 AM.`,
    );
    const now = await runJson(["diagnose", file, "--mailbox", "lidiah@contoso.com", "--now", "2026-11-27T09:00:00Z"]);
    expect(now.report.metadata).toMatchObject({ checkedAt: "2026-11-27T09:00:00.000Z", dumpReadAt: "2026-11-20T09:00:00.000Z" });
    expect(now.report.mailboxes[0].verdict).toBe("ok");
    expect((await runIn(["diagnose", file, "--mailbox", "lidiah@contoso.com", "--now", "2026-11-27T09:00:00Z", "--format", "markdown"])).stdout).toContain(
      `Org dump ${file}, read on Nov 20, 2026, 9:00 AM, checked as of Nov 27, 2026, 9:00 AM.`,
    );
  });

  it("refuses a readAt that is not a date, without echoing it", async () => {
    const dump = demoDump();
    dump.readAt = "\u001b[2Jyesterday";
    const file = writeTemp("bad-read-at.json", dump);
    const r = await runIn(["diagnose", file]);
    expect(r).toEqual({ status: 2, stdout: "", stderr: `mailbox-health: ${file}: not an org dump: "readAt" is not an ISO 8601 date-time\n` });
  });
});
