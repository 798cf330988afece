/** @jest-environment node */
/**
 * Times are instants: a date-time with an offset is compared as the instant it names, never as text;
 * what is not an ISO 8601 date reads as unknown. (That a date-time without a zone is UTC whatever the
 * machine's zone is tested in child processes with other TZ values: test/cli/timezones.test.ts.)
 */
import { date } from "../../MailboxHealth/data/buildSnapshot";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import { ALERT_TOP, alertsOptions } from "../../MailboxHealth/data/queries";
import { parseNow } from "../../cli/args";
import { CliError } from "../../cli/errors";
import { alertRow, diagnose, healthyDump, IDS, mailboxRow } from "../support/rows";

describe("what is not a date reads as unknown (undefined), never as a date", () => {
  it.each([
    ["a number (epoch milliseconds)", 1_763_629_200_000],
    ["a boolean", true],
    ["an object", { value: "2026-11-20T09:00:00Z" }],
    ["a local-format string", "11/20/2026 09:00"],
    ["an English date", "Nov 20 2026"],
    ["a day that does not exist", "2026-02-30T10:00:00Z"],
    ["an hour that does not exist", "2026-11-20T25:00:00Z"],
    ["an offset that does not exist", "2026-11-20T09:00:00+25:00"],
    ["an empty string", ""],
  ])("%s", (_name, value) => {
    expect(date({ d: value }, "d")).toBeUndefined();
  });

  it("null stays null (empty)", () => {
    expect(date({ d: null }, "d")).toBeNull();
  });

  it("--now refuses a day that does not exist instead of rolling it over", () => {
    expect(() => parseNow("2026-02-30T10:00:00Z")).toThrow(CliError);
  });
});

describe("the org dump orders alerts by instant", () => {
  /**
   * 50 older alerts written with a +02:00 offset (as text they sort after anything in Z) and the newest
   * one in Z, whose text sorts first: ordered as text, the newest would fall outside the 50 read.
   */
  function crowdedDump() {
    const old = Array.from({ length: ALERT_TOP }, (_, i) =>
      alertRow(`Older warning ${i}`, { modifiedon: `2026-11-20T10:${String(i).padStart(2, "0")}:00+02:00`, level: 2 }),
    );
    const newest = alertRow("Http server returned 401 Unauthorized", { modifiedon: "2026-11-20T08:59:00Z" });
    return { dump: healthyDump({ tracelogs: [newest, ...old] }), newest };
  }

  it("the newest alert is among the 50 the diagnosis reads", async () => {
    const { dump, newest } = crowdedDump();
    const rows = await new OrgDumpClient(dump).retrieveMultipleRecords("tracelog", alertsOptions(IDS.mailbox, ALERT_TOP));
    expect(rows).toHaveLength(ALERT_TOP);
    expect(rows[0].tracelogid).toBe(newest.tracelogid);
  });

  it("zoneless, Z and offset date-times interleave by the instant they name", async () => {
    const rows = [
      alertRow("a", { modifiedon: "2026-11-20T09:30:00+01:00" }), // 08:30Z
      alertRow("b", { modifiedon: "2026-11-20T08:45:00" }), // 08:45Z
      alertRow("c", { modifiedon: "2026-11-20T08:40:00Z" }), // 08:40Z
      alertRow("d", { modifiedon: 1_763_629_200_000 }), // not a date: unknown, last
      alertRow("e", { modifiedon: "2026-11-20T03:00:00-05:00" }), // 08:00Z
    ];
    const found = await new OrgDumpClient(healthyDump({ tracelogs: rows })).retrieveMultipleRecords("tracelog", alertsOptions(IDS.mailbox));
    expect(found.map((r) => r.text)).toEqual(["b", "c", "a", "e", "d"]);
  });

  it("the diagnosis sees the newest 401 as evidence, after the last Test & Enable", async () => {
    const { dump } = crowdedDump();
    dump.mailboxes = [mailboxRow({ testmailboxaccesscompletedon: "2026-11-20T08:00:00Z" })];
    const result = await diagnose(dump);
    expect(result.alerts401?.map((a) => ({ text: a.alert.text, history: a.history }))).toEqual([
      { text: "Http server returned 401 Unauthorized", history: false },
    ]);
  });
});
