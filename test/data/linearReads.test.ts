/** @jest-environment node */
/**
 * What a run over a large org repeats for every mailbox is done once a value: counted, not timed, so
 * that a slow machine cannot make these tests fail or pass by chance. And the shortcuts give what the
 * general code gives.
 */
import fc from "fast-check";
import * as isoDate from "../../MailboxHealth/data/isoDate";
import { parseIsoInstant } from "../../MailboxHealth/data/isoDate";
import { OrgDumpClient } from "../../MailboxHealth/data/orgDump";
import { alertsOptions } from "../../MailboxHealth/data/queries";
import { normalizeGuid } from "../../MailboxHealth/model/guid";
import { hostOf } from "../../MailboxHealth/rules/facts";
import { alertRow, healthyDump, IDS } from "../support/rows";

afterEach(() => jest.restoreAllMocks());

describe("$orderby parses each row's date once", () => {
  it.each([[10], [200], [1000]])("%i alerts: one parse a row, not one at every comparison", async (n) => {
    const rows = Array.from({ length: n }, (_, i) =>
      // Scrambled times, so that the sort has work to do.
      alertRow(`alert ${i}`, { modifiedon: new Date(Date.UTC(2026, 10, 20, 9) - ((i * 7919) % n) * 60_000).toISOString(), level: 2 }),
    );
    const client = new OrgDumpClient(healthyDump({ tracelogs: rows }));
    const parse = jest.spyOn(isoDate, "parseIsoInstant");
    const found = await client.retrieveMultipleRecords("tracelog", alertsOptions(IDS.mailbox));
    expect(found).toHaveLength(n);
    // A comparison sort makes about n·log2(n) comparisons: parsing there would be 2 parses each.
    expect(parse.mock.calls.length).toBeLessThanOrEqual(n);
    const times = found.map((r) => Date.parse(String(r.modifiedon)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe("Dataverse's date-time form, read without the regular expression", () => {
  /** The same digits with the zone written as +00:00: the general path of parseIsoInstant. */
  const withOffset = (text: string): string => text.replace(/Z$/, "+00:00");

  it("gives the instant the general form gives, for any digits", () => {
    const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, "0"));
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), two, two, two, two, two, fc.option(fc.stringMatching(/^[0-9]{1,9}$/), { nil: undefined }))
      .map(([y, mo, d, h, mi, s, frac]) => `${String(y).padStart(4, "0")}-${mo}-${d}T${h}:${mi}:${s}${frac === undefined ? "" : `.${frac}`}Z`);
    fc.assert(
      fc.property(text, (t) => {
        expect(parseIsoInstant(t)?.getTime()).toBe(parseIsoInstant(withOffset(t))?.getTime());
      }),
      { seed: 12, numRuns: 2000 },
    );
  });

  it("gives what Date gives for what toISOString writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
        expect(parseIsoInstant(new Date(ms).toISOString())?.getTime()).toBe(ms);
      }),
      { seed: 12, numRuns: 2000 },
    );
  });

  it.each([
    ["2024-02-29T10:00:00Z", Date.UTC(2024, 1, 29, 10)],
    ["2026-11-20T09:00:00.5Z", Date.UTC(2026, 10, 20, 9, 0, 0, 500)],
    ["0099-01-01T00:00:00Z", new Date("0099-01-01T00:00:00Z").getTime()],
    ["2026-02-29T10:00:00Z", undefined],
    ["2026-11-20T24:00:00Z", undefined],
    ["2026-11-20T09:00:60Z", undefined],
    ["2026-11-20T09:00:00.Z", undefined],
    ["2026-11-2OT09:00:00Z", undefined],
  ])("%s", (text, expected) => {
    expect(parseIsoInstant(text)?.getTime()).toBe(expected);
  });
});

describe("ids already normalized are kept as they are", () => {
  it("normalizing is idempotent, and a normalized GUID is itself", () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom("", " ", "{", "\t{"), fc.constantFrom("", " ", "}", "} "), fc.boolean(), (id, before, after, upper) => {
        const once = normalizeGuid(`${before}${upper ? id.toUpperCase() : id}${after}`);
        expect(once).toBe(id.toLowerCase());
        expect(normalizeGuid(once)).toBe(once);
      }),
      { seed: 12, numRuns: 500 },
    );
  });
});

describe("hosts of locations", () => {
  it("the same host however often a location is asked, and no growth without bound", () => {
    const first = hostOf("https://Outlook.Office365.com/EWS/Exchange.asmx");
    for (let i = 0; i < 3000; i++) expect(hostOf(`https://mail${i}.contoso.com/EWS/Exchange.asmx`)).toBe(`mail${i}.contoso.com`);
    expect(hostOf("https://Outlook.Office365.com/EWS/Exchange.asmx")).toBe(first);
    expect(first).toBe("outlook.office365.com");
    expect(hostOf(" mail.contoso.com:443/ews ")).toBe("mail.contoso.com");
    expect(hostOf("")).toBeUndefined();
  });
});
