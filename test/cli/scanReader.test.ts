/**
 * @jest-environment node
 */
import { DataverseReader, ScanFatalError, TableReadError, retryAfterSeconds } from "../../cli/scan/http";
import { readOrg, tableQueries } from "../../cli/scan/readOrg";
import type { DataverseServer } from "../support/dataverseServer";
import { TEST_TOKEN, startDataverseServer } from "../support/dataverseServer";
import { demoDump } from "./helpers";

/** The reader against the test server: paging, throttling, retries, refusals. */

let server: DataverseServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

function reader(s: DataverseServer, options: Partial<ConstructorParameters<typeof DataverseReader>[0]> = {}): DataverseReader {
  return new DataverseReader({ origin: s.url, token: () => Promise.resolve(TEST_TOKEN), backoffMs: 20, ...options });
}

const MAILBOX_QUERY = "$select=mailboxid,name";

test("follows @odata.nextLink to the end when the server pages smaller than asked", async () => {
  server = await startDataverseServer({ dump: demoDump(), pageSize: 5 });
  const { rows, pages } = await reader(server, { pageSize: 5000 }).readAll("mailboxes", MAILBOX_QUERY);
  expect(rows.map((r) => r.mailboxid)).toEqual(demoDump().mailboxes.map((m: { mailboxid: string }) => m.mailboxid));
  expect(pages).toBe(3); // 14 mailboxes, 5 a page
  expect(server.requests.map((r) => r.prefer)).toEqual(Array(3).fill('odata.maxpagesize=5000,odata.include-annotations="*"'));
  expect(server.requests[1].url).toContain("$skiptoken=");
});

test("asks for the page size it wants and gets it", async () => {
  server = await startDataverseServer({ dump: demoDump() });
  const { pages } = await reader(server, { pageSize: 4 }).readAll("mailboxes", MAILBOX_QUERY);
  expect(pages).toBe(4);
});

test("on 429 waits Retry-After before sending anything again (a real 1 s wait)", async () => {
  server = await startDataverseServer({ dump: demoDump(), throttleFirstPerTable: 1 });
  const started = Date.now();
  const { rows } = await reader(server).readAll("mailboxes", MAILBOX_QUERY);
  expect(rows).toHaveLength(14);
  expect(server.requests.map((r) => r.status)).toEqual([429, 200]);
  expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(1000);
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  expect(server.retriesBeforeRetryAfter()).toEqual([]);
});

test("a 429 on one table holds back the requests for the others until Retry-After has passed", async () => {
  server = await startDataverseServer({ dump: demoDump(), throttleFirstPerTable: 0.3 });
  await readOrg(reader(server), null);
  const throttles = server.requests.filter((r) => r.status === 429);
  expect(throttles).toHaveLength(7); // RetrieveCurrentOrganization and six tables
  for (const t of throttles) {
    const retry = server.requests.find((r) => r.n > t.n && r.url === t.url)!;
    expect(retry.at - t.at).toBeGreaterThanOrEqual(300);
  }
  expect(server.retriesBeforeRetryAfter()).toEqual([]);
});

test("503s are retried with a doubling backoff; the rows are complete", async () => {
  server = await startDataverseServer({ dump: demoDump(), pageSize: 5, unavailableRequests: [1, 2] });
  const { rows } = await reader(server, { backoffMs: 50 }).readAll("mailboxes", MAILBOX_QUERY);
  expect(rows).toHaveLength(14);
  expect(server.requests.map((r) => r.status)).toEqual([503, 503, 200, 200, 200]);
  expect(server.requests[1].at - server.requests[0].at).toBeGreaterThanOrEqual(45);
  expect(server.requests[2].at - server.requests[1].at).toBeGreaterThanOrEqual(95);
});

test("a 503 that does not go away ends as the table's error after the bounded attempts", async () => {
  server = await startDataverseServer({ dump: demoDump(), unavailableRequests: [1, 2, 3] });
  const error = await reader(server, { maxAttempts: 3, backoffMs: 5 }).readAll("mailboxes", MAILBOX_QUERY).catch((e) => e);
  expect(error).toBeInstanceOf(TableReadError);
  expect(error.reason).toMatch(/^503 .*after 3 attempts/);
  expect(server.requests).toHaveLength(3);
});

test("403 is the table's error, with Dataverse's code", async () => {
  server = await startDataverseServer({ dump: demoDump(), forbidden: ["tracelogs"] });
  const error = await reader(server).readAll("tracelogs", "$select=tracelogid").catch((e) => e);
  expect(error).toBeInstanceOf(TableReadError);
  expect(error.status).toBe(403);
  expect(error.reason).toMatch(/^403 0x80040220 .*missing prvReadtracelog privilege/);
});

test("400 for a column the org does not have names the column and 0x80060888", async () => {
  server = await startDataverseServer({ dump: demoDump(), missingColumns: { mailboxes: ["ewsurl"] } });
  const error = await reader(server).readAll("mailboxes", "$select=mailboxid,ewsurl").catch((e) => e);
  expect(error).toBeInstanceOf(TableReadError);
  expect(error.reason).toContain("400 0x80060888");
  expect(error.reason).toContain("'ewsurl'");
});

test("a rejected token is fatal at once, and the error never holds the token", async () => {
  server = await startDataverseServer({ dump: demoDump() });
  const error = await reader(server, { token: () => Promise.resolve("expired-token-xyz") }).readAll("mailboxes", MAILBOX_QUERY).catch((e) => e);
  expect(error).toBeInstanceOf(ScanFatalError);
  expect(error.kind).toBe("auth");
  expect(JSON.stringify(error) + error.message).not.toContain("expired-token-xyz");
  expect(server.requests).toHaveLength(1);
});

test("a host that refuses connections is fatal without retries", async () => {
  server = await startDataverseServer({ dump: demoDump() });
  const url = server.url;
  await server.stop();
  server = null;
  const r = new DataverseReader({ origin: url, token: () => Promise.resolve(TEST_TOKEN), backoffMs: 5 });
  const error = await r.readAll("mailboxes", MAILBOX_QUERY).catch((e) => e);
  expect(error).toBeInstanceOf(ScanFatalError);
  expect(error.kind).toBe("unreachable");
  expect(r.requests).toBe(1);
});

test("a next link to another host is refused: the token goes to the org only", async () => {
  const fake: typeof fetch = async () =>
    new Response(JSON.stringify({ value: [{ mailboxid: "1" }], "@odata.nextLink": "https://elsewhere.example/api/data/v9.2/mailboxes?$skiptoken=x" }), { status: 200 });
  const r = new DataverseReader({ origin: "https://contoso.crm4.dynamics.com", token: () => Promise.resolve("t"), fetch: fake });
  await expect(r.readAll("mailboxes", MAILBOX_QUERY)).rejects.toThrow("another host");
  expect(r.requests).toBe(1);
});

test("a server that repeats the same next link does not keep the reader looping", async () => {
  const fake: typeof fetch = async () =>
    new Response(JSON.stringify({ value: [], "@odata.nextLink": "https://contoso.crm4.dynamics.com/api/data/v9.2/mailboxes?$skiptoken=same" }), { status: 200 });
  const r = new DataverseReader({ origin: "https://contoso.crm4.dynamics.com", token: () => Promise.resolve("t"), fetch: fake });
  await expect(r.readAll("mailboxes", MAILBOX_QUERY)).rejects.toThrow("same next page link");
  expect(r.requests).toBe(2);
});

test("no more requests in flight than the bound", async () => {
  let inFlight = 0;
  let most = 0;
  const fake: typeof fetch = async () => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 20));
    inFlight--;
    return new Response(JSON.stringify({ value: [] }), { status: 200 });
  };
  const r = new DataverseReader({ origin: "https://contoso.crm4.dynamics.com", token: () => Promise.resolve("t"), fetch: fake, maxInFlight: 2 });
  await Promise.all(["a", "b", "c", "d", "e"].map((set) => r.readAll(set, MAILBOX_QUERY)));
  expect(most).toBe(2);
});

test("Retry-After: seconds or an HTTP date", () => {
  expect(retryAfterSeconds("2")).toBe(2);
  expect(retryAfterSeconds(new Date(10_000).toUTCString(), 4_000)).toBe(6);
  expect(retryAfterSeconds(null)).toBeUndefined();
});

test("the alerts query: warnings and errors since the date", () => {
  const alerts = tableQueries(new Date("2026-10-21T09:00:00Z")).find((q) => q.set === "tracelogs")!;
  expect(alerts.filter).toBe("level ge 2 and modifiedon ge 2026-10-21T09:00:00Z");
  expect(tableQueries(null).find((q) => q.set === "tracelogs")!.filter).toBe("level ge 2");
});
