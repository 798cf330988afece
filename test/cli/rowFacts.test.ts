/** @jest-environment node */
/**
 * The command line's facts of a row (cli/rowFacts.ts) are buildSnapshot's: for every field of every
 * table, with each kind of value a column can hold, the same object with its properties in the same order
 * (a date read from Dataverse's own form is a Date of the command line's own class, with the same time and
 * ISO text).
 */
import * as shared from "../../MailboxHealth/data/buildSnapshot";
import { MAILBOX_FIELDS, PROFILE_FIELDS, QUEUE_FIELDS, USER_FIELDS } from "../../MailboxHealth/data/queries";
import type { Field } from "../../MailboxHealth/data/queries";
import type { Row } from "../../MailboxHealth/data/webApiClient";
import * as cli from "../../cli/rowFacts";
import { plainDates } from "./helpers";

const VALUES: unknown[] = [
  undefined,
  null,
  "",
  " ",
  "text",
  "00000000-0000-4000-8000-000000000001",
  "{00000000-0000-4000-8000-00000000000A}",
  " 00000000-0000-4000-8000-00000000000a ",
  "\ud800",
  "2026-11-20T09:00:00Z",
  "2026-11-20T09:00:00.123Z",
  "2026-11-20 09:00",
  "2026-02-30T09:00:00Z",
  "2026-11-20T09:00:00+02:00",
  0,
  1,
  -2,
  1.5,
  Number.MAX_SAFE_INTEGER,
  1e300,
  true,
  false,
  {},
  [],
  ["2026-11-20T09:00:00Z"],
];

const kinds: [string, readonly Field[], (row: Row) => unknown, (row: Row) => unknown][] = [
  ["mailbox", MAILBOX_FIELDS, shared.mailboxFacts, cli.mailboxFacts],
  ["profile", PROFILE_FIELDS, shared.profileFacts, cli.profileFacts],
  ["user", USER_FIELDS, (row) => shared.ownerFacts("systemuser", row), (row) => cli.ownerFacts("systemuser", row)],
  ["queue", QUEUE_FIELDS, (row) => shared.ownerFacts("queue", row), (row) => cli.ownerFacts("queue", row)],
];

describe.each(kinds)("the facts of a %s row", (_kind, fields, expected, actual) => {
  it("are buildSnapshot's for every value of every column", () => {
    const base: Row = {};
    fields.forEach(([column], i) => (base[column] = VALUES[i % VALUES.length]));
    for (const [column] of fields) {
      for (const value of VALUES) {
        const row: Row = { ...base, [column]: value };
        if (value === undefined) delete row[column];
        const want = expected(row);
        const got = actual(row);
        expect(plainDates(got)).toStrictEqual(plainDates(want));
        expect(Object.keys(got as object)).toEqual(Object.keys(want as object));
      }
    }
  });

  it("are buildSnapshot's for an empty row, and for a lookup to each kind of owner", () => {
    for (const row of [{}, { "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "queue" }, { "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "systemuser" }, { "_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname": "team" }]) {
      expect(plainDates(actual(row))).toStrictEqual(plainDates(expected(row)));
      expect(Object.keys(actual(row) as object)).toEqual(Object.keys(expected(row) as object));
    }
  });
});

describe("a date read by the command line", () => {
  const texts = [
    "2026-11-20T09:00:00Z",
    "2024-02-29T23:59:59Z",
    "2023-02-29T00:00:00Z",
    "2026-12-31T24:00:00Z",
    "0000-01-01T00:00:00Z",
    "0099-12-31T12:30:00Z",
    "1969-12-31T23:59:59Z",
    "9999-12-31T23:59:59Z",
    "2026-11-20T09:00:00.5Z",
    "2026-11-20T09:00:00z",
    "2026-11-20T09:00:00+00:00",
    "2026-11-20 09:00:00Z",
    " 2026-11-20T09:00:00Z",
  ];

  it.each(texts)("%s: the Date buildSnapshot reads, with the same ISO text", (text) => {
    const want = shared.mailboxFacts({ lastsuccessfulsynccompletedon: text }).lastSuccessfulSync;
    const got = cli.mailboxFacts({ lastsuccessfulsynccompletedon: text }).lastSuccessfulSync;
    if (!(want instanceof Date)) {
      expect(got).toBe(want);
      return;
    }
    expect(got).toBeInstanceOf(Date);
    expect((got as Date).getTime()).toBe(want.getTime());
    expect((got as Date).toISOString()).toBe(want.toISOString());
  });
});
