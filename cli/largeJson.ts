import type { JsonSyntaxError } from "./jsonError";
import { findJsonError } from "./jsonError";

/**
 * Parses a JSON object from UTF-8 bytes without ever making one string of the whole file: a dump larger
 * than the longest string V8 can hold (about 512 MB of text) is read value by value. The top-level
 * object's values are parsed one at a time, and the rows of a top-level array in chunks of many rows,
 * each with JSON.parse on its own bytes. A syntax error is located in the whole file (line and column) and
 * never quotes it.
 */

export class LargeJsonError extends Error {
  constructor(readonly error: JsonSyntaxError) {
    super("not valid JSON");
  }
}

const SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** The object, or null when the text is not an object at all. */
export function parseLargeJsonObject(bytes: Buffer, start = 0, chunkBytes = CHUNK_BYTES): Record<string, unknown> | null {
  let i = start;
  const n = bytes.length;
  const fail = (offset: number, expected: JsonSyntaxError["expected"]): never => {
    throw new LargeJsonError({ ...lineColumnOf(bytes, start, offset), expected, offset });
  };
  const skip = (): void => {
    while (i < n && SPACE.has(bytes[i])) i++;
  };
  /** Parses the value at i (its extent found by scanning), leaves i after it. */
  const value = (): unknown => {
    const from = i;
    const to = valueEnd(bytes, i);
    const text = bytes.toString("utf8", from, to);
    try {
      i = to;
      return JSON.parse(text);
    } catch {
      const inner = findJsonError(text);
      if (!inner) return fail(from, "value");
      return fail(from + Buffer.byteLength(text.slice(0, inner.offset), "utf8"), inner.expected);
    }
  };
  const out: Record<string, unknown> = {};
  // As JSON.parse does: every key an own property, "__proto__" too (an assignment would set the prototype).
  const put = (key: unknown, v: unknown) => Object.defineProperty(out, key as string, { value: v, enumerable: true, writable: true, configurable: true });
  skip();
  if (i >= n) fail(i, "value");
  // Valid JSON or not, a dump that does not start with an object is no dump: null says so.
  if (bytes[i] !== 0x7b) return null;
  i++;
  skip();
  if (bytes[i] === 0x7d) {
    i++;
  } else {
    for (;;) {
      skip();
      if (bytes[i] !== 0x22) fail(i, "property-name");
      const key = value();
      skip();
      if (bytes[i] !== 0x3a) fail(i, "colon");
      i++;
      skip();
      if (bytes[i] === 0x5b) {
        // A table: row by row.
        const rows: unknown[] = [];
        i++;
        skip();
        if (bytes[i] === 0x5d) i++;
        else {
          // Up to here the rows are read one at a time: a chunk that failed to parse is read again row by row.
          let oneByOneUntil = i;
          for (;;) {
            skip();
            const end = i >= oneByOneUntil && bytes[i] === 0x7b ? chunkEnd(bytes, i, chunkBytes) : -1;
            const chunk = end < 0 ? undefined : parseChunk(bytes, i, end);
            if (chunk) {
              for (const row of chunk) rows.push(row);
              i = end;
            } else {
              if (end >= 0) oneByOneUntil = end;
              rows.push(value());
            }
            skip();
            if (bytes[i] === 0x2c) {
              i++;
              continue;
            }
            if (bytes[i] === 0x5d) {
              i++;
              break;
            }
            fail(i, "comma-or-bracket");
          }
        }
        put(key, rows);
      } else put(key, value());
      skip();
      if (bytes[i] === 0x2c) {
        i++;
        continue;
      }
      if (bytes[i] === 0x7d) {
        i++;
        break;
      }
      fail(i, "comma-or-brace");
    }
  }
  skip();
  if (i < n) fail(i, "end");
  return out;
}

/**
 * About how many bytes of a table's rows one JSON.parse reads. One call per row spends more time in the
 * calls, and in finding where each row ends, than in parsing; the end of a chunk of many rows is found by
 * a quick look back from its planned end. Larger chunks measured slower (the rows of a chunk all live
 * until its parse ends), 64 KiB the fastest.
 */
const CHUNK_BYTES = 64 * 1024;

/**
 * Where a chunk of rows that starts at `from` (at a row's `{`) may end: after the last `}` before
 * `from + size` that is followed by a comma and a `{`, or by the table's `]`. It is only a guess (the
 * bytes may be inside a string, or a row's nested array): parseChunk tells. -1 when there is none.
 */
function chunkEnd(bytes: Buffer, from: number, size: number): number {
  const n = bytes.length;
  for (let close = bytes.lastIndexOf(0x7d, Math.min(from + size, n - 1)); close > from; close = bytes.lastIndexOf(0x7d, close - 1)) {
    let j = close + 1;
    while (j < n && SPACE.has(bytes[j])) j++;
    if (bytes[j] === 0x5d) return close + 1;
    if (bytes[j] !== 0x2c) continue;
    j++;
    while (j < n && SPACE.has(bytes[j])) j++;
    if (bytes[j] === 0x7b) return close + 1;
  }
  return -1;
}

/**
 * The rows from `from` to `to` with one JSON.parse, or undefined when they are not a list of values.
 * Parsed as `[` + text + `]`, which succeeds only when `to` is at the end of a row of the table (the
 * parse reads the same bytes in the same state as the whole file's would); the rows are then the ones
 * that JSON.parse would give one at a time. A failure is no error yet: the rows are then read one by one.
 */
function parseChunk(bytes: Buffer, from: number, to: number): unknown[] | undefined {
  try {
    const rows: unknown = JSON.parse(`[${bytes.toString("utf8", from, to)}]`);
    return rows as unknown[];
  } catch {
    return undefined;
  }
}

/**
 * Where the JSON value that starts at `from` ends: after its closing quote or bracket, or at the first
 * byte that cannot continue a number or literal. Tracks strings (with escapes) and nesting; does not
 * check the value, which JSON.parse then does.
 */
function valueEnd(bytes: Buffer, from: number): number {
  const n = bytes.length;
  let i = from;
  let depth = 0;
  for (;;) {
    if (i >= n) return n;
    const c = bytes[i];
    if (c === 0x22) {
      i = stringEnd(bytes, i + 1);
      i++;
      if (depth === 0) return Math.min(i, n);
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === 0x2c || SPACE.has(c))) return i;
    i++;
  }
}

/**
 * Where the string whose text starts at `from` ends: its closing quote (a quote after an even number of
 * backslashes), or `bytes.length` when it has none. Jumps from quote to quote (most of a dump's bytes are
 * in strings) rather than looking at each byte.
 */
function stringEnd(bytes: Buffer, from: number): number {
  for (let i = from; ; ) {
    const quote = bytes.indexOf(0x22, i);
    if (quote < 0) return bytes.length;
    let backslashes = 0;
    for (let b = quote - 1; b >= i && bytes[b] === 0x5c; b--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    i = quote + 1;
  }
}

/** 1-based line and column (in characters) of a byte offset. */
function lineColumnOf(bytes: Buffer, start: number, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = start;
  for (let j = bytes.indexOf(0x0a, start); j !== -1 && j < offset; j = bytes.indexOf(0x0a, j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { line, column: bytes.toString("utf8", lineStart, offset).length + 1 };
}
