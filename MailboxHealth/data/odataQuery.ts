import { normalizeGuid } from "../model/guid";
/**
 * A parser for the subset of Web API query options the diagnosis sends ($select, $expand with nested
 * options, $filter with eq/ne/gt/ge/lt/le joined by `and`, $orderby, $top). Used by the hosts that answer
 * queries themselves (org dump, playground). Anything else is refused, so a query the real Web API
 * would treat differently cannot pass unnoticed.
 */

export interface Comparison {
  field: string;
  op: "eq" | "ne" | "gt" | "ge" | "lt" | "le";
  value: string | number | boolean | null;
}

export interface QueryOptions {
  select?: string[];
  expand: Record<string, QueryOptions>;
  filter: Comparison[];
  orderBy?: { field: string; descending: boolean };
  top?: number;
}

export class QueryError extends Error {
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = "QueryError";
  }
}

/** Splits on `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === "(") depth++;
    else if (!quoted && c === ")") depth--;
    else if (!quoted && depth === 0 && c === separator) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== "");
}

function parseValue(raw: string): string | number | boolean | null {
  if (raw === "null") return null;
  if (raw === "true") return true;
  if (raw === "false") return false;
  if (/^'.*'$/.test(raw)) return raw.slice(1, -1).replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (/^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(raw)) return raw.replace(/[{}]/g, "").toLowerCase();
  throw new QueryError(`Unsupported value in $filter: ${raw}`);
}

function parseFilter(text: string): Comparison[] {
  return text.split(/\s+and\s+/i).map((part) => {
    const m = /^\s*([A-Za-z_][\w.]*)\s+(eq|ne|gt|ge|lt|le)\s+(.+?)\s*$/.exec(part);
    if (!m) throw new QueryError(`Unsupported $filter: ${part}`);
    return { field: m[1], op: m[2] as Comparison["op"], value: parseValue(m[3]) };
  });
}

function parseOptions(pairs: string[]): QueryOptions {
  const options: QueryOptions = { expand: {}, filter: [] };
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    if (eq < 0) throw new QueryError(`Malformed query option: ${pair}`);
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    switch (name) {
      case "$select":
        options.select = value.split(",").map((c) => c.trim()).filter(Boolean);
        break;
      case "$expand":
        for (const item of splitTopLevel(value, ",")) {
          const m = /^([A-Za-z_]\w*)(?:\(([\s\S]*)\))?$/.exec(item);
          if (!m) throw new QueryError(`Malformed $expand: ${item}`);
          options.expand[m[1]] = parseOptions(m[2] ? splitTopLevel(m[2], ";") : []);
        }
        break;
      case "$filter":
        options.filter = parseFilter(value);
        break;
      case "$orderby": {
        const m = /^([A-Za-z_]\w*)(?:\s+(asc|desc))?$/i.exec(value);
        if (!m) throw new QueryError(`Unsupported $orderby: ${value}`);
        options.orderBy = { field: m[1], descending: (m[2] ?? "").toLowerCase() === "desc" };
        break;
      }
      case "$top": {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 1) throw new QueryError(`Invalid $top: ${value}`);
        options.top = n;
        break;
      }
      default:
        throw new QueryError(`Unsupported query option: ${name}`);
    }
  }
  return options;
}

/** Parses `?$select=…&$expand=…` (the leading `?` is optional). */
export function parseQuery(query: string): QueryOptions {
  const text = query.startsWith("?") ? query.slice(1) : query;
  return parseOptions(text ? text.split("&") : []);
}

function compare(a: unknown, b: string | number | boolean | null): number | undefined {
  if (a === undefined) return undefined;
  if (a === null || b === null) return a === b ? 0 : undefined;
  if (typeof a === "string" && typeof b === "string") {
    // Text in a filter is a lookup id here: compared with the one GUID normalisation (model/guid.ts).
    const x = normalizeGuid(a);
    const y = normalizeGuid(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : undefined;
  return undefined;
}

/**
 * Whether a row passes the filter. A value the row does not hold, holds empty or holds with another type
 * is unknown: it fails `eq` (an equality picks whose rows are read, and an unknown lookup is nobody's)
 * and passes `ne`. An order comparison (`gt`, `ge`, `lt`, `le`) only narrows the rows, and these hosts
 * answer from rows that were read: one whose value they cannot judge is kept, not hidden. So an alert
 * of a dump whose `level` was not saved, is empty or is text still passes `level ge 2` and counts as
 * evidence with its level unknown (docs/rules.md).
 */
export function matches(row: Record<string, unknown>, filter: Comparison[]): boolean {
  return filter.every(({ field, op, value }) => {
    const c = compare(row[field], value);
    if (c === undefined) return op !== "eq";
    switch (op) {
      case "eq":
        return c === 0;
      case "ne":
        return c !== 0;
      case "gt":
        return c > 0;
      case "ge":
        return c >= 0;
      case "lt":
        return c < 0;
      case "le":
        return c <= 0;
    }
  });
}
