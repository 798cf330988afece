/**
 * @jest-environment node
 */
/**
 * `mailbox-health scan` against the Dataverse test server: the same findings as `diagnose`, the faults
 * of the Web API, the saved dump, and what reaches stdout and stderr.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { DataverseServer, DataverseServerOptions } from "../support/dataverseServer";
import { TEST_TOKEN, startDataverseServer } from "../support/dataverseServer";
import type { FakeTerminal, Json, Result } from "./helpers";
import { BIN, NOW, ROOT, demoDump, ensureBuilt, runIn, tempDir } from "./helpers";
import type { Io } from "../../cli/main";
import { run } from "../../cli/main";

process.env.TZ = "UTC";

let server: DataverseServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function serve(options: Partial<DataverseServerOptions> = {}): Promise<DataverseServer> {
  server = await startDataverseServer({ dump: demoDump(), ...options });
  return server;
}

const TOKEN_ENV = { MAILBOX_HEALTH_ACCESS_TOKEN: TEST_TOKEN };

/** Runs `scan` in this process with the token variable set and short backoffs. */
async function scanIn(argv: string[], terminal: FakeTerminal & { stderrTTY?: boolean } = {}): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: { write: (t: string) => (stdout += t), isTTY: terminal.isTTY, columns: terminal.columns },
    stderr: { write: (t: string) => (stderr += t), isTTY: terminal.stderrTTY, columns: 100 },
    env: terminal.env ?? TOKEN_ENV,
    scan: { reader: { backoffMs: 10 }, interactive: false },
  };
  const status = await run(argv, io);
  return { status, stdout, stderr };
}

function writeDumpPath(name: string): string {
  return path.join(tempDir(), name);
}

/** A JSON report without where it came from (the org URL or the file, and when that was read). */
function findingsOf(stdout: string): Json {
  const report = JSON.parse(stdout);
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { source, sourceType, dumpReadAt, ...metadata } = report.metadata;
  return { ...report, metadata };
}

describe("scan gives the findings of diagnose", () => {
  it("on the demo org: the same JSON report and exit status as diagnose on the demo dump", async () => {
    const s = await serve({ pageSize: 5 });
    const scanned = await scanIn(["scan", s.url, "--format", "json", "--now", NOW, "--alerts-since", "all"]);
    const diagnosed = await runIn(["diagnose", "--demo", "--format", "json", "--now", NOW]);
    expect(scanned.stderr).toBe("");
    expect(scanned.status).toBe(diagnosed.status);
    expect(findingsOf(scanned.stdout)).toEqual(findingsOf(diagnosed.stdout));
    expect(JSON.parse(scanned.stdout).metadata).toMatchObject({ sourceType: "org", source: s.url, unreadableTables: {} });
  });

  it("--save-dump writes a valid org dump that diagnose re-diagnoses identically, in every format", async () => {
    const s = await serve({ pageSize: 4, forbidden: ["tracelogs"] });
    const file = writeDumpPath("saved.json");
    for (const format of ["json", "table", "markdown"]) {
      const scanned = await scanIn(["scan", s.url, "--format", format, "--now", NOW, "--save-dump", file]);
      const again = await runIn(["diagnose", file, "--format", format, "--now", NOW]);
      expect(again.stderr).toBe("");
      expect(again.status).toBe(scanned.status);
      // The heading names the source (the URL or the file, wrapped to the width); everything after it is the same.
      const afterHeading = (text: string): string => text.slice(text.indexOf("\n\n", text.indexOf("checked as of")));
      expect(afterHeading(again.stdout)).toBe(afterHeading(scanned.stdout));
      // The table the scan could not read, named once at the head, as the saved dump names it for diagnose.
      if (format !== "json") expect(scanned.stdout.replace(/\s+/g, " ").split("Not read: tracelogs, 403 0x80040220").length - 1).toBe(1);
      // The JSON names it in its metadata, for a script reading the report: the scan's and the saved dump's alike.
      if (format === "json") {
        for (const r of [scanned, again]) expect(JSON.parse(r.stdout).metadata.unreadableTables).toEqual({ tracelogs: expect.stringMatching(/^403 0x80040220 .*prvReadTraceLog/i) });
      }
      if (format === "table") {
        expect(again.stdout).toContain(file);
        expect(scanned.stdout).toContain(s.url);
      }
    }
    const saved = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(Object.keys(saved)[0]).toBe("readAt");
    expect(Date.now() - Date.parse(saved.readAt)).toBeLessThan(60_000);
    expect(saved.mailboxes).toHaveLength(14);
    expect(saved.tracelogs).toBeUndefined();
    expect(saved.unreadableTables.tracelogs).toMatch(/^403 0x80040220/);
  });

  it("--mailbox, --lang and --now work as for diagnose", async () => {
    const s = await serve();
    const scanned = await scanIn(["scan", s.url, "--mailbox", "pattif@contoso.com", "--lang", "cs", "--now", NOW]);
    const diagnosed = await runIn(["diagnose", "--demo", "--mailbox", "pattif@contoso.com", "--lang", "cs", "--now", NOW]);
    const afterHeading = (text: string): string => text.slice(text.indexOf("\n\n"));
    expect(afterHeading(scanned.stdout)).toBe(afterHeading(diagnosed.stdout));
    // The heading (wrapped to the width) names the org and when it was read.
    expect(scanned.stdout.slice(0, scanned.stdout.indexOf("\n\n")).replace(/\n/g, " ")).toMatch(new RegExp(`^Stav [^\\n]* Organizace ${s.url.replace(/[.]/g, "\\.")}, načteno .*, zkontrolováno k 20\\. 11\\. 2026 9:00\\.$`));
    expect(scanned.status).toBe(1);
  });

  it("without --now, the saved dump is diagnosed later as of when it was read: the same report", async () => {
    const s = await serve();
    const file = writeDumpPath("read-at.json");
    const scanned = await scanIn(["scan", s.url, "--format", "json", "--save-dump", file]);
    const report = JSON.parse(scanned.stdout);
    const saved = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(report.metadata.dumpReadAt).toBe(new Date(saved.readAt).toISOString());
    expect(report.metadata.checkedAt).toBe(report.metadata.dumpReadAt);
    const again = await runIn(["diagnose", file, "--format", "json"]);
    expect(findingsOf(again.stdout)).toEqual(findingsOf(scanned.stdout));
    expect(JSON.parse(again.stdout).metadata).toMatchObject({ sourceType: "dump", source: file, dumpReadAt: report.metadata.dumpReadAt });
  });

  it("--output writes the report to a file, never over the saved dump", async () => {
    const s = await serve();
    const output = writeDumpPath("scan-report.md");
    const r = await scanIn(["scan", s.url, "--format", "markdown", "--now", NOW, "--output", output]);
    expect(r.stdout).toBe("");
    expect(fs.readFileSync(output, "utf8")).toContain("## Cause 3 — no Exchange Online licence");
    const dump = writeDumpPath("scan-dump.json");
    const same = await scanIn(["scan", s.url, "--save-dump", dump, "--output", `${path.dirname(dump)}/./scan-dump.json`]);
    expect(same).toEqual({ status: 2, stdout: "", stderr: `mailbox-health: ${`${path.dirname(dump)}/./scan-dump.json`}: --output must not name the org dump the report is made from\n` });
  });

  it("an unknown --mailbox is an error naming the org, with nothing on stdout", async () => {
    const s = await serve();
    const r = await scanIn(["scan", s.url, "--mailbox", "nobody@contoso.com"]);
    expect(r).toEqual({ status: 2, stdout: "", stderr: `mailbox-health: ${s.url}: no mailbox has the id or email address "nobody@contoso.com"\n` });
  });
});

describe("scan reads the org the way Dataverse wants to be read", () => {
  it("one paged GET per table with the control's $select lists, no $expand, no write, no secret column", async () => {
    const s = await serve({ pageSize: 5 });
    await scanIn(["scan", s.url, "--format", "json", "--now", NOW]);
    expect(s.violations()).toEqual([]);
    const targets = s.requests.map((r) => r.target);
    expect(targets[0]).toBe("RetrieveCurrentOrganization");
    // 14 mailboxes, 14 users, 6 profiles, 1 queue, 1 organization, 14 alerts before the date filter.
    expect(targets.filter((t) => t === "mailboxes")).toHaveLength(3);
    expect(targets.filter((t) => t === "systemusers")).toHaveLength(3);
    expect(targets.filter((t) => t === "emailserverprofiles")).toHaveLength(2);
    expect(targets.filter((t) => t === "queues")).toHaveLength(1);
    expect(targets.filter((t) => t === "organizations")).toHaveLength(1);
    expect(s.requests.every((r) => r.method === "GET" && r.authorized)).toBe(true);
    expect(s.requests.every((r) => r.target === "RetrieveCurrentOrganization" || /odata\.maxpagesize=\d+/.test(r.prefer ?? ""))).toBe(true);
    expect(s.requests.every((r) => /odata\.include-annotations/.test(r.prefer ?? ""))).toBe(true);
  });

  it("alerts: warnings and errors of the last 30 days by default, or since --alerts-since", async () => {
    const s = await serve();
    await scanIn(["scan", s.url, "--format", "json", "--now", NOW]);
    await scanIn(["scan", s.url, "--format", "json", "--now", NOW, "--alerts-since", "2026-01-01"]);
    await scanIn(["scan", s.url, "--format", "json", "--now", NOW, "--alerts-since", "all"]);
    const alerts = s.requests.filter((r) => r.target === "tracelogs").map((r) => /\$filter=([^&]*)/.exec(r.url)![1]);
    expect(alerts).toEqual(["level ge 2 and modifiedon ge 2026-10-21T09:00:00Z", "level ge 2 and modifiedon ge 2026-01-01T00:00:00Z", "level ge 2"]);
  });

  it("a saved dump holds no secret column even when the server sends one", async () => {
    const s = await serve({ sendSecretsAnyway: true });
    const file = writeDumpPath("nosecrets.json");
    const r = await scanIn(["scan", s.url, "--format", "json", "--save-dump", file]);
    expect(r.stdout).not.toContain("SECRET-");
    // The server did send them: the rows it answered with carry them.
    expect(s.requests.filter((x) => x.target === "queues" && x.status === 200)).toHaveLength(1);
    const text = fs.readFileSync(file, "utf8");
    expect(text).not.toMatch(/SECRET-|"password"|emailpassword|oauthaccesstoken|oauthrefreshtoken|incomingpassword|outgoingpassword|oauthclientsecret|lasttestrequest|lasttestresponse/);
    expect(text).not.toContain(TEST_TOKEN);
  });
});

describe("requests grow with pages, not with mailboxes", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { makeDump } = require("../../scripts/bench-dump.js") as { makeDump: (mailboxes: number, alerts?: number) => Json };

  it.each([300, 3000])("%i mailboxes at pages of 1,000: one request per page of each table, plus RetrieveCurrentOrganization", async (size) => {
    const dump = makeDump(size, 2);
    const s = await serve({ dump, pageSize: 1000 });
    const r = await scanIn(["scan", s.url, "--format", "json", "--now", NOW, "--alerts-since", "all"]);
    expect(JSON.parse(r.stdout).mailboxes).toHaveLength(size);
    const alerts = dump.tracelogs.filter((t: Json) => t.level >= 2).length;
    const pages = (rows: number): number => Math.max(1, Math.ceil(rows / 1000));
    const expected =
      1 + pages(dump.organizations.length) + pages(size) + pages(dump.emailserverprofiles.length) + pages(dump.systemusers.length) + pages(dump.queues.length) + pages(alerts);
    expect(s.requests).toHaveLength(expected);
  });
});

describe("faults", () => {
  it("429 on each table's first request: waits Retry-After, never retries early, same findings", async () => {
    const s = await serve({ pageSize: 5, throttleFirstPerTable: 0.3 });
    const r = await scanIn(["scan", s.url, "--format", "json", "--now", NOW, "--alerts-since", "all"]);
    expect(r.stderr).toBe("");
    expect(s.requests.filter((x) => x.status === 429)).toHaveLength(7);
    expect(s.retriesBeforeRetryAfter()).toEqual([]);
    expect(findingsOf(r.stdout)).toEqual(findingsOf((await runIn(["diagnose", "--demo", "--format", "json", "--now", NOW])).stdout));
  });

  it("503 once is retried and the report is complete", async () => {
    const s = await serve({ pageSize: 5, unavailableRequests: [3] });
    const r = await scanIn(["scan", s.url, "--format", "json", "--now", NOW]);
    expect(s.requests.filter((x) => x.status === 503)).toHaveLength(1);
    expect(JSON.parse(r.stdout).mailboxes).toHaveLength(14);
    expect(r.stderr).toBe("");
  });

  it("403 on one table: every mailbox is reported, the checks that need it say unverified, stderr names the table", async () => {
    const s = await serve({ forbidden: ["systemusers"] });
    const r = await scanIn(["scan", s.url, "--format", "json", "--now", NOW]);
    const report: Json = JSON.parse(r.stdout);
    expect(report.mailboxes).toHaveLength(14);
    const patti = report.mailboxes.find((m: Json) => m.emailaddress === "pattif@contoso.com");
    const owner = patti.findings.find((f: Json) => f.rule === "owner-state");
    expect(owner.status).toBe("unverified");
    expect(owner.detail).toMatch(/privilege/);
    // The queue's mailbox is not about a user: its owner check still runs.
    const queue = report.mailboxes.find((m: Json) => m.name === "Healthy queue — Support");
    expect(queue.findings.find((f: Json) => f.rule === "owner-state").status).toBe("ok");
    expect(r.stderr).toMatch(/^mailbox-health: warning: could not read systemusers \(403 0x80040220 .*\); the checks that need it say unverified\n$/);
  });

  it("403 on the alerts: the alert-based checks say unverified", async () => {
    const s = await serve({ forbidden: ["tracelogs"] });
    const r = await scanIn(["scan", s.url, "--format", "json", "--now", NOW]);
    const report: Json = JSON.parse(r.stdout);
    const statuses = report.mailboxes.map((m: Json) => m.findings.find((f: Json) => f.rule === "exchange-online-license").status);
    expect(statuses).toContain("unverified");
    expect(r.stderr).toContain("could not read tracelogs");
  });

  it("400 for a column the org does not have (0x80060888): the table is reported unreadable with the column", async () => {
    const s = await serve({ missingColumns: { queues: ["emailaddress"] } });
    const r = await scanIn(["scan", s.url, "--format", "json", "--now", NOW]);
    expect(r.stderr).toContain("could not read queues (400 0x80060888 Could not find a property named 'emailaddress'");
    expect(JSON.parse(r.stdout).mailboxes).toHaveLength(14);
  });

  it("403 on mailboxes stops the scan: exit 2, what to do on stderr, nothing on stdout", async () => {
    const s = await serve({ forbidden: ["mailboxes"] });
    const r = await scanIn(["scan", s.url]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^mailbox-health: cannot read the mailboxes of 127\.0\.0\.1:\d+ \(403 0x80040220 .*\): scan with an account that can read mailboxes/);
  });

  it.each([
    ["an expired token", { token: "a-newer-token" }, /rejected the access token \(401 Unauthorized\): sign in again/],
    ["an unknown org", { noOrg: true }, /has no Dataverse org \(the Web API answered 404\): check the org URL/],
  ])("%s: exit 2, one line naming what to do, nothing on stdout, one request", async (_, options, message) => {
    const s = await serve(options);
    const r = await scanIn(["scan", s.url, "--save-dump", writeDumpPath("never.json")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).not.toContain(TEST_TOKEN);
    expect(s.requests).toHaveLength(1);
    expect(fs.existsSync(writeDumpPath("never.json"))).toBe(false);
  });

  it("an unreachable host: exit 2 naming the host", async () => {
    const s = await serve();
    const url = s.url;
    await s.stop();
    server = null;
    const r = await scanIn(["scan", url]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^mailbox-health: cannot reach 127\.0\.0\.1:\d+: check the org URL/);
  });

  it("a TLS failure: exit 2 naming the host and what to do", async () => {
    const tlsFailure: typeof fetch = () =>
      Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("unable to verify the first certificate"), { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }) }));
    let stderr = "";
    let stdout = "";
    const status = await run(["scan", "https://contoso.crm4.dynamics.com"], {
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { write: (t: string) => (stderr += t) },
      env: TOKEN_ENV,
      scan: { fetch: tlsFailure, interactive: false },
    });
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^mailbox-health: the secure connection to contoso\.crm4\.dynamics\.com failed .*NODE_EXTRA_CA_CERTS/);
  });

  it("http:// to a host that is not loopback is refused before any request", async () => {
    let requests = 0;
    const counting: typeof fetch = () => {
      requests++;
      return Promise.reject(new Error("must not be called"));
    };
    for (const url of ["http://contoso.crm4.dynamics.com", "http://10.0.0.5:8080", "ftp://contoso.crm4.dynamics.com"]) {
      let stderr = "";
      const status = await run(["scan", url], { stdout: { write: () => undefined }, stderr: { write: (t: string) => (stderr += t) }, env: TOKEN_ENV, scan: { fetch: counting } });
      expect(status).toBe(2);
      expect(stderr).toMatch(/^mailbox-health: the org URL must/);
    }
    expect(requests).toBe(0);
  });

  it("a save that fails: exit 2 and nothing on stdout", async () => {
    const s = await serve();
    const r = await scanIn(["scan", s.url, "--save-dump", path.join(tempDir(), "no-such-folder", "x.json")]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/x\.json: cannot save the org dump \(ENOENT\)/);
  });
});

describe("progress on stderr", () => {
  it("on a terminal: one updating line with tables, rows, pages and throttling waits, cleared at the end", async () => {
    const s = await serve({ pageSize: 5, throttleFirstPerTable: 0.2 });
    const r = await scanIn(["scan", s.url, "--format", "json", "--now", NOW], { stderrTTY: true });
    expect(r.stderr).toContain("Using the access token in MAILBOX_HEALTH_ACCESS_TOKEN for 127.0.0.1:");
    expect(r.stderr).toMatch(/\r\x1b\[2KReading \(\d done\): .*mailboxes \d+ rows?, \d+ pages?/);
    expect(r.stderr).toContain("Dataverse asked to slow down: waiting 1 s");
    expect(r.stderr).toMatch(/Read in [\d.]+ s, \d+ requests: RetrieveCurrentOrganization 1 \(1 p\.\) · organizations 1 \(1 p\.\) · mailboxes 14 \(3 p\.\)/);
    // Every status line is cleared before a line that stays is written.
    expect(r.stderr.replace(/\r\x1b\[2K[^\r\n]*(?=\r)/g, "")).not.toMatch(/Reading \(/);
    expect(JSON.parse(r.stdout).mailboxes).toHaveLength(14);
  });

  it("in Czech", async () => {
    const s = await serve({ pageSize: 5 });
    const r = await scanIn(["scan", s.url, "--lang", "cs", "--format", "json"], { stderrTTY: true });
    expect(r.stderr).toMatch(/Načítání \(hotovo \d\): .*mailboxes: \d+ řádk(ek|y|ů), \d+ stránk(a|y|ek)/);
    expect(r.stderr).toMatch(/Načteno za [\d,]+ s, počet požadavků \d+:/);
  });

  it("with --quiet or when stderr is not a terminal: nothing but warnings", async () => {
    const s = await serve({ pageSize: 5, forbidden: ["queues"] });
    const quiet = await scanIn(["scan", s.url, "--format", "json", "--quiet"], { stderrTTY: true });
    const piped = await scanIn(["scan", s.url, "--format", "json"], { stderrTTY: false });
    for (const r of [quiet, piped]) {
      expect(r.stderr).toMatch(/^mailbox-health: warning: could not read queues \(403 [^\n]*\n$/);
    }
  });
});

/** The real command in a child process (the server answers from this process meanwhile). */
function runBinAsync(args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve) => {
    const base = { ...process.env };
    delete base.NO_COLOR;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...base, TZ: "UTC", ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("the acceptance run", () => {
  beforeAll(() => ensureBuilt());

  it("pages of 5, 429 with Retry-After: 2 on each table's first request, 503 once: the findings of diagnose, and the server saw nothing it should not", async () => {
    const s = await serve({ pageSize: 5, throttleFirstPerTable: 2, unavailableRequests: [10] });
    const file = writeDumpPath("acceptance.json");
    const r = await runBinAsync(["scan", s.url, "--format", "json", "--now", NOW, "--save-dump", file], TOKEN_ENV);
    expect(r.stderr).toBe("");
    const diagnosed = await runIn(["diagnose", file, "--format", "json", "--now", NOW]);
    expect(findingsOf(r.stdout)).toEqual(findingsOf(diagnosed.stdout));
    expect(r.status).toBe(diagnosed.status);
    expect(s.requests.filter((x) => x.status === 429)).toHaveLength(7);
    expect(s.requests.filter((x) => x.status === 503)).toHaveLength(1);
    expect(s.violations()).toEqual([]);
    expect(s.retriesBeforeRetryAfter()).toEqual([]);
  }, 30_000);
});
