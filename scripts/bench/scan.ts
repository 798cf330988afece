/**
 * `npm run bench:scan`: requests and time of `mailbox-health scan` for orgs of 2,000 and 20,000 mailboxes
 * (10 alerts each, users and queues, four kinds of profile: scripts/bench-dump.js), against the Dataverse
 * test server (test/support/dataverseServer.ts) on 127.0.0.1, with Dataverse's default page of 5,000 rows
 * and with a server that pages at 1,000. The number of requests grows with the pages, not with the
 * mailboxes: one GET per page of each table, whatever number of mailboxes point at a profile, user or queue.
 * Prints figures; never part of `npm test`.
 */
import * as path from "path";
import type { OrgDump } from "../../MailboxHealth/data/orgDump";
import { run } from "../../cli/main";
import { TEST_TOKEN, startDataverseServer } from "../../test/support/dataverseServer";

const ROOT = path.resolve(__dirname, "../../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeDump } = require(path.join(ROOT, "scripts", "bench-dump.js")) as { makeDump: (mailboxes: number) => OrgDump };
const NOW = "2026-11-20T09:00:00Z";

async function scanOnce(size: number, dump: OrgDump, pageSize: number, quiet = false): Promise<void> {
  const server = await startDataverseServer({ dump, pageSize });
  let bytes = 0;
  let stderr = "";
  const started = process.hrtime.bigint();
  const status = await run(["scan", server.url, "--format", "json", "--now", NOW], {
    stdout: { write: (t: string) => (bytes += t.length) },
    // A terminal, so that the scan prints its own "Read in … s, … requests" line.
    stderr: { write: (t: string) => (stderr += t), isTTY: true, columns: 200 },
    env: { MAILBOX_HEALTH_ACCESS_TOKEN: TEST_TOKEN },
    scan: { interactive: false },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await server.stop();
  if (status === 2 || /warning/.test(stderr)) throw new Error(`the scan failed: ${stderr}`);
  const read = /Read in ([\d.]+) s, ([\d,]+) requests/.exec(stderr);
  if (!read) throw new Error("no read summary on stderr");
  if (quiet) return;
  const byTable = new Map<string, number>();
  for (const r of server.requests) byTable.set(r.target, (byTable.get(r.target) ?? 0) + 1);
  const served = server.requests.length;
  const rows = (["mailboxes", "emailserverprofiles", "systemusers", "queues", "tracelogs"] as const).map((t) => `${t} ${byTable.get(t) ?? 0}`).join(", ");
  console.log(
    `${size.toLocaleString("en-US").padStart(6)} mailboxes, pages of ${pageSize.toLocaleString("en-US").padStart(5)}: ` +
      `${String(served).padStart(3)} requests (${rows}, organizations ${byTable.get("organizations") ?? 0}, RetrieveCurrentOrganization 1), ` +
      `read in ${read[1]} s, ${(ms / 1000).toFixed(1)} s with the diagnosis and the JSON report (${(bytes / 1e6).toFixed(1)} MB)`,
  );
  const violations = server.violations();
  if (violations.length) throw new Error(`the server saw: ${violations.slice(0, 3).join("; ")}`);
}

async function main(): Promise<void> {
  // Warm up the JIT so that the first measured size is not penalized.
  await scanOnce(500, makeDump(500), 5000, true);
  for (const pageSize of [5000, 1000]) {
    for (const size of [2000, 20000]) await scanOnce(size, makeDump(size), pageSize);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
