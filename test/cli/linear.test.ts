/** @jest-environment node */
/**
 * A run takes time linear in the size of the dump: the dump is indexed once (one client per run) and
 * each mailbox is answered from the indexes with a fixed number of requests. Counted, not timed, so
 * that a slow machine cannot make the test fail or pass by chance.
 */
import { diagnoseDump } from "../../cli/diagnoseDump";
import type { DumpRequest } from "../../MailboxHealth/data/orgDump";
import { NOW } from "./helpers";
import type { Json } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { makeDump } = require("../../scripts/bench-dump.js") as { makeDump: (mailboxes: number, alerts?: number) => Json };

const TABLES = ["mailboxes", "emailserverprofiles", "systemusers", "queues", "tracelogs", "organizations"];

/** Replaces every table of the dump with a proxy that counts how often one of its rows is read. */
function counted(dump: Json): Record<string, number> {
  const reads: Record<string, number> = {};
  for (const table of TABLES) {
    reads[table] = 0;
    dump[table] = new Proxy(dump[table], {
      get(target, property, receiver) {
        if (typeof property === "string" && /^\d+$/.test(property)) reads[table]++;
        return Reflect.get(target, property, receiver);
      },
    });
  }
  return reads;
}

async function measure(mailboxes: number) {
  const dump = makeDump(mailboxes, 10);
  const sizes = Object.fromEntries(TABLES.map((t) => [t, dump[t].length]));
  const reads = counted(dump);
  const requests: DumpRequest[] = [];
  const results = await diagnoseDump(dump, { now: new Date(NOW), onRequest: (r) => requests.push(r) });
  return { sizes, reads, requests, results };
}

describe("a run is linear in the size of the dump", () => {
  it("diagnoses every mailbox with the same few requests", async () => {
    const { requests, results, sizes } = await measure(300);
    expect(results).toHaveLength(sizes.mailboxes);
    // Every generated mailbox has a profile: five requests, the last one for the profile's alerts.
    expect(requests).toHaveLength(5 * sizes.mailboxes);
    const kinds = requests.slice(0, 5).map((r) => `${r.kind} ${r.table ?? ""}`.trim());
    expect(kinds.sort()).toEqual([
      "retrieveCurrentOrganization",
      "retrieveMultipleRecords organization",
      "retrieveMultipleRecords tracelog",
      "retrieveMultipleRecords tracelog",
      "retrieveRecord mailbox",
    ]);
  });

  it("reads each row of the dump a bounded number of times: the client indexes the dump once", async () => {
    const { reads, sizes } = await measure(300);
    expect(sizes.tracelogs).toBe(3000);
    // Indexing reads each row once or twice (by id, and alerts by the row they are about);
    // selecting mailboxes reads the mailbox rows once more. Nothing scans a table per mailbox.
    for (const table of ["mailboxes", "emailserverprofiles", "systemusers", "queues", "tracelogs"]) {
      expect([table, reads[table] <= 3 * sizes[table] + 3]).toEqual([table, true]);
    }
    expect(reads.organizations).toBeLessThanOrEqual(sizes.mailboxes + 2); // the org's single row, once a mailbox
  });

  it("grows by the same factor as the dump", async () => {
    const small = await measure(100);
    const large = await measure(800);
    const total = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    const ratio = total(large.reads) / total(small.reads);
    expect(ratio).toBeGreaterThan(6);
    expect(ratio).toBeLessThan(10); // 8 when linear; 64 when quadratic
    expect(large.requests.length / small.requests.length).toBe(8);
  });
});
