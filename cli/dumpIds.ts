import type { OrgDump } from "../MailboxHealth/data/orgDump";
import { TABLES, validateOrgDump } from "../MailboxHealth/data/orgDump";
import type { Row } from "../MailboxHealth/data/webApiClient";
import { normalizeGuid } from "../MailboxHealth/model/guid";

/**
 * The check of a dump's shape (validateOrgDump) and the rows by id that the direct read (dumpIndex.ts)
 * needs, made in one pass over the rows: a large dump's rows are otherwise read and keyed twice. Only the
 * command line reads dumps this large; the control keeps the plain check.
 */

/** Whether an id is a GUID in lower case: what normalizeGuid gives as it is. Read char by char, quicker than its expression. */
export function isCanonicalGuid(value: string): boolean {
  if (value.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 0x2d : !((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** normalizeGuid, without its work for an id that is normalized already (most are). */
export const normalizedId = (value: string): string => (isCanonicalGuid(value) ? value : normalizeGuid(value));

/** The rows of the tables the direct read looks up, by normalized id, in dump order (none twice). */
export interface RowsById {
  mailboxes: Map<string, Row>;
  emailserverprofiles: Map<string, Row>;
  systemusers: Map<string, Row>;
  queues: Map<string, Row>;
  organizations: Map<string, Row>;
}

/** The rows by id of each dump that checkedDump accepted. The command line never changes a dump it has read. */
const checkedRows = new WeakMap<OrgDump, RowsById>();

export const rowsByIdOf = (dump: OrgDump): RowsById | undefined => checkedRows.get(dump);

/**
 * validateOrgDump: the same dump, or the same error. The usual dump, a good one, is checked here (and its
 * rows keyed by id on the way); anything this check does not accept is handed to validateOrgDump, which
 * finds and names what is wrong.
 */
export function checkedDump(value: unknown): OrgDump {
  const rows = quickCheck(value);
  if (!rows) return validateOrgDump(value);
  checkedRows.set(value as OrgDump, rows);
  return value as OrgDump;
}

/** The rows by id when the dump passes every check of validateOrgDump; undefined when it may not. */
function quickCheck(value: unknown): RowsById | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const dump = value as Record<string, unknown>;
  if (!Array.isArray(dump.mailboxes)) return undefined;
  const rco = dump.RetrieveCurrentOrganization;
  if (rco !== undefined && (!rco || typeof rco !== "object" || Array.isArray(rco))) return undefined;
  const detail = rco ? (rco as Record<string, unknown>).Detail : undefined;
  if (detail !== undefined && detail !== null && (typeof detail !== "object" || Array.isArray(detail))) return undefined;
  const out: Partial<RowsById> = {};
  for (const table of Object.values(TABLES)) {
    const rows = dump[table.set];
    if (rows !== undefined && !Array.isArray(rows)) return undefined;
    const list = (rows ?? []) as unknown[];
    if (table.set === "tracelogs") {
      // Not looked up by id: only checked for twice the same id, in a table of its own (the most rows).
      if (!uniqueIds(list, table.key)) return undefined;
      continue;
    }
    const index = new Map<string, Row>();
    for (let i = 0; i < list.length; i++) {
      const id = idOf(list[i], table.key);
      if (id === undefined) return undefined;
      index.set(id, list[i] as Row);
      if (index.size !== i + 1) return undefined;
    }
    out[table.set] = index;
  }
  return out as RowsById;
}

/** The row's id, normalized, when the row is an object with an id as validateOrgDump wants it. */
function idOf(row: unknown, key: string): string | undefined {
  if (!row || typeof row !== "object" || Array.isArray(row)) return undefined;
  const id = (row as Row)[key];
  if (typeof id !== "string" || !id.trim()) return undefined;
  return normalizedId(id);
}

/**
 * FNV-1a over the UTF-16 code units, then MurmurHash3's finalizer: FNV-1a's low bits, which pick the
 * slot, depend only on the low bits of the characters; the finalizer brings every bit down into them.
 */
export function hashOf(id: string): number {
  let hash = 0x811c9dc5 | 0;
  for (let c = 0; c < id.length; c++) hash = Math.imul(hash ^ id.charCodeAt(c), 16777619);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

/** The most slots looked at for one id: beyond, the ids are left to validateOrgDump's Map (below). */
const MAX_PROBES = 64;

/**
 * Whether every row has an id and no two the same (normalized). An open-addressing table of row numbers
 * by a hash of the id: about three times quicker than a Map of half a million ids, which grows by
 * copying and reaches each id through its own entry. Ids made to share slots (a dump is input, and may be
 * hostile) cannot make it quadratic: after MAX_PROBES slots for one id it answers false, and the caller
 * hands the dump to validateOrgDump, whose Map decides.
 */
function uniqueIds(rows: readonly unknown[], key: string): boolean {
  let size = 16;
  while (size < rows.length * 2) size *= 2;
  const mask = size - 1;
  // Slot → row number + 1 (0: empty), and the hash of that row's id.
  const slots = new Int32Array(size);
  const hashes = new Int32Array(size);
  const ids: string[] = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const id = idOf(rows[i], key);
    if (id === undefined) return false;
    ids[i] = id;
    const hash = hashOf(id);
    for (let slot = hash & mask, probes = 0; ; slot = (slot + 1) & mask) {
      const taken = slots[slot];
      if (taken === 0) {
        slots[slot] = i + 1;
        hashes[slot] = hash;
        break;
      }
      if ((hashes[slot] === hash && ids[taken - 1] === id) || ++probes > MAX_PROBES) return false;
    }
  }
  return true;
}
