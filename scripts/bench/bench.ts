/**
 * `npm run bench`: the figures behind the performance budgets, measured, not estimated.
 *  1. the production bundle.js, raw and gzip (a fresh production build);
 *  2. requests and sequential round trips for one check, counted by a recording `context.webAPI`
 *     (and `fetch`) through the control's PCF host, on the demo org, with simulated latency;
 *  3. the command line's throughput over large dumps (scripts/bench-dump.js).
 * Exits 1 when a budget is exceeded.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { OrgDumpClient, validateOrgDump } from "../../MailboxHealth/data/orgDump";
import { PcfWebApiClient } from "../../MailboxHealth/data/pcfWebApiClient";
import { RecordingClient } from "../../MailboxHealth/data/recordingClient";
import type { Row, WebApiClient } from "../../MailboxHealth/data/webApiClient";
import { diagnoseMailbox } from "../../MailboxHealth/diagnosis/diagnose";

const ROOT = path.resolve(__dirname, "../../..");
const BUDGET = { bundleGzipBytes: 25 * 1024, requests: 5, roundTrips: 2 };
const LATENCY_MS = 25;
const CLIENT_URL = "https://contoso-sales.crm4.dynamics.com";

let failed = false;
function report(name: string, value: string, ok?: boolean): void {
  const verdict = ok === undefined ? "" : ok ? "  ok" : "  OVER BUDGET";
  if (ok === false) failed = true;
  console.log(`${name.padEnd(46)} ${value}${verdict}`);
}

function buildProduction(): void {
  if (process.argv.includes("--no-build")) return;
  const out = spawnSync(process.execPath, [path.join(ROOT, "node_modules/pcf-scripts/bin/pcf-scripts.js"), "build", "--buildMode", "production", "--noColor"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, PP_TOOLS_TELEMETRY_OPTOUT: "true" },
  });
  if (!`${out.stdout}${out.stderr}`.includes("[build] Succeeded")) {
    console.error(`${out.stdout}${out.stderr}`);
    throw new Error("the production build did not succeed");
  }
}

const delay = <T>(value: () => Promise<T>): Promise<T> => new Promise((r) => setTimeout(r, LATENCY_MS)).then(value);

/** A `context.webAPI` and a `fetch` that answer from the demo org after a delay, counting calls. */
function pcfHost(dump: ReturnType<typeof validateOrgDump>, failProfiles: boolean) {
  const org = new OrgDumpClient(dump);
  let webApiCalls = 0;
  let fetchCalls = 0;
  const denied = (options: string, table: string) => failProfiles && (table === "emailserverprofile" || options.includes("emailserverprofile("));
  const privilege = { errorCode: 2147746336, code: "0x80040220", message: "missing prvReadEmailServerProfile privilege" };
  const webAPI = {
    retrieveRecord: (table: string, id: string, options: string) => {
      webApiCalls++;
      return delay(() => (denied(options, table) ? Promise.reject(privilege) : org.retrieveRecord(table, id, options)));
    },
    retrieveMultipleRecords: (table: string, options: string) => {
      webApiCalls++;
      return delay(() => org.retrieveMultipleRecords(table, options).then((entities) => ({ entities, nextLink: "" })));
    },
  } as unknown as ComponentFramework.WebApi;
  const fetchImpl = () => {
    fetchCalls++;
    return delay(() =>
      org.retrieveCurrentOrganization().then((detail: Row | null) => ({
        ok: true,
        status: 200,
        headers: { get: () => null },
        json: () => Promise.resolve({ Detail: detail }),
      })),
    );
  };
  const client: WebApiClient = new PcfWebApiClient(webAPI, CLIENT_URL, fetchImpl);
  return { client, calls: () => webApiCalls + fetchCalls };
}

async function measureCheck(dump: ReturnType<typeof validateOrgDump>, mailboxId: string, failProfiles: boolean) {
  const host = pcfHost(dump, failProfiles);
  const recording = new RecordingClient(host.client);
  const started = process.hrtime.bigint();
  const result = await diagnoseMailbox(recording, mailboxId, { clientUrl: CLIENT_URL });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (host.calls() !== recording.requests.length) throw new Error("the recording missed a request");
  return { requests: host.calls(), roundTrips: recording.roundTrips, ms, verdict: result.verdict.status };
}

async function main(): Promise<void> {
  console.log("MailboxHealth benchmark\n");
  buildProduction();
  const bundle = fs.readFileSync(path.join(ROOT, "out/controls/MailboxHealth/bundle.js"));
  const gzip = zlib.gzipSync(bundle, { level: 9 }).length;
  report("production bundle.js (raw)", `${bundle.length.toLocaleString("en-US")} B`);
  report("production bundle.js (gzip -9)", `${gzip.toLocaleString("en-US")} B (budget ${BUDGET.bundleGzipBytes.toLocaleString("en-US")} B)`, gzip <= BUDGET.bundleGzipBytes);

  const dump = validateOrgDump(JSON.parse(fs.readFileSync(path.join(ROOT, "demo/org-dump.json"), "utf8")));
  const mailboxes = (dump.mailboxes ?? []).map((m) => String(m.mailboxid));
  let maxRequests = 0;
  let maxRounds = 0;
  const times: number[] = [];
  for (const id of mailboxes) {
    const m = await measureCheck(dump, id, false);
    maxRequests = Math.max(maxRequests, m.requests);
    maxRounds = Math.max(maxRounds, m.roundTrips);
    times.push(m.ms);
  }
  times.sort((a, b) => a - b);
  report(`Web API requests per check (max of ${mailboxes.length} demo mailboxes)`, `${maxRequests} (budget ${BUDGET.requests})`, maxRequests <= BUDGET.requests);
  report("sequential round trips per check (max)", `${maxRounds} (budget ${BUDGET.roundTrips})`, maxRounds <= BUDGET.roundTrips);
  report(`time per check at ${LATENCY_MS} ms a request (median)`, `${times[Math.floor(times.length / 2)].toFixed(1)} ms`);
  const degraded = await measureCheck(dump, mailboxes[0], true);
  report("without read privilege on profiles (fallback)", `${degraded.requests} requests, ${degraded.roundTrips} round trips`);

  if (!process.argv.includes("--no-dump")) {
    console.log("");
    const dumpBench = path.join(ROOT, "scripts/bench-dump.js");
    if (fs.existsSync(dumpBench)) execFileSync(process.execPath, [dumpBench], { cwd: ROOT, stdio: "inherit" });
  }
  if (failed) {
    console.error("\nA budget was exceeded.");
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
});
