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

const READ: Record<string, Read> = {
  // k: an id, "" when it is not a string.
  k: (v) => (typeof v === "string" ? normalizedId(v) : ""),
  g: (v) => (v === null ? null : typeof v === "string" ? normalizedId(v) : undefined),
  s: (v) => (v === null ? null : typeof v === "string" ? v : undefined),
  i: (v) => (v === null ? null : typeof v === "number" && Number.isInteger(v) ? v : undefined),
  b: (v) => (v === null ? null : typeof v === "boolean" ? v : undefined),
  d: (v) => (v === null ? null : typeof v === "string" ? parseIsoInstant(v) : undefined),
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
