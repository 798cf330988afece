import { parseIsoInstant } from "../MailboxHealth/data/isoDate";
import type { Field } from "../MailboxHealth/data/queries";
import { MAILBOX_FIELDS, PROFILE_FIELDS, QUEUE_FIELDS, USER_FIELDS } from "../MailboxHealth/data/queries";
import type { Row } from "../MailboxHealth/data/webApiClient";
import type { MailboxFacts, OwnerFacts, ProfileFacts } from "../MailboxHealth/model/snapshot";
import { normalizedId } from "./dumpIds";

/**
 * buildSnapshot's mailboxFacts, profileFacts and ownerFacts for the command line, which makes them for
 * every row of a large dump. The same facts, made by a function per field list that reads each column by
 * its name and builds the object at once: buildSnapshot's loop over the fields reads every column through
 * one shared reader and adds the properties one by one, several times slower. What each kind of field
 * reads is buildSnapshot's (`READ`), value by value; test/cli/dumpIndex.test.ts compares the snapshots.
 */

type Read = (v: unknown) => unknown;

/** Dataverse's own form of a date and time, without a fraction of a second: `2026-11-20T09:00:00Z`. */
const PLAIN_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/**
 * A date read from a dump in that form, which gives its ISO text from the text it was read from: the
 * checks show the dates they rest on as ISO text (`ev`), and Date's own toISOString costs about 1 µs in
 * Node 20, twice a mailbox. The same text as Date's (test/cli/rowFacts.test.ts).
 */
class DumpDate extends Date {
  constructor(
    time: number,
    private readonly text: string,
  ) {
    super(time);
  }

  override toISOString(): string {
    return `${this.text.slice(0, 19)}.000Z`;
  }
}

function readDate(text: string): Date | undefined {
  const date = parseIsoInstant(text);
  return date && text.length === 20 && PLAIN_UTC.test(text) ? new DumpDate(date.getTime(), text) : date;
}

const READ: Record<string, Read> = {
  // k: an id, "" when it is not a string.
  k: (v) => (typeof v === "string" ? normalizedId(v) : ""),
  g: (v) => (v === null ? null : typeof v === "string" ? normalizedId(v) : undefined),
  s: (v) => (v === null ? null : typeof v === "string" ? v : undefined),
  i: (v) => (v === null ? null : typeof v === "number" && Number.isInteger(v) ? v : undefined),
  b: (v) => (v === null ? null : typeof v === "boolean" ? v : undefined),
  d: (v) => (v === null ? null : typeof v === "string" ? readDate(v) : undefined),
};

/** A function that gives the facts of a row: an object literal of the fields, in the order of the list. */
function compile<T>(list: readonly Field[]): (row: Row) => T {
  const body = list.map(([column, property, read]) => {
    if (!(read in READ)) throw new Error(`unknown field kind ${read}`);
    return `${JSON.stringify(property)}: read.${read}(row[${JSON.stringify(column)}])`;
  });
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the code is made from the field lists above, never from input.
  const make = new Function("read", `return (row) => ({ ${body.join(", ")} });`) as (read: Record<string, Read>) => (row: Row) => T;
  return make(READ);
}

const mailbox = compile<MailboxFacts>(MAILBOX_FIELDS);
const user = compile<Omit<OwnerFacts, "table">>(USER_FIELDS);
const queue = compile<Omit<OwnerFacts, "table">>(QUEUE_FIELDS);

export function mailboxFacts(row: Row): MailboxFacts {
  const facts = mailbox(row);
  const ownerTable = row["_regardingobjectid_value@Microsoft.Dynamics.CRM.lookuplogicalname"];
  facts.ownerTable = ownerTable === "systemuser" || ownerTable === "queue" ? ownerTable : undefined;
  return facts;
}

export const profileFacts: (row: Row) => ProfileFacts = compile<ProfileFacts>(PROFILE_FIELDS);

export function ownerFacts(table: "systemuser" | "queue", row: Row): OwnerFacts {
  return { table, ...(table === "queue" ? queue(row) : user(row)) } as OwnerFacts;
}
