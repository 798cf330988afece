/**
 * ISO 8601 dates and date-times as instants, the same on every machine:
 *  - `2026-11-20` is midnight UTC;
 *  - a date-time with `Z` or an offset (`+01:00`, `+0100`) is the instant it names;
 *  - a date-time without a zone is UTC (Dataverse writes UTC; `new Date()` would read it as local time);
 *  - `T` or a space between date and time; seconds and a fraction of any length are optional.
 * Anything else, a day or hour that does not exist included, is not a date (undefined): `new Date()`
 * would read `11/20/2026` in the local zone and roll `2026-02-30` over into March.
 */
const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d+))?)?(?:(Z)|([+-])(\d\d):?(\d\d))?)?$/i;

export function parseIsoInstant(text: string): Date | undefined {
  const fast = parseUtcDateTime(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second, h, mm] = [m[1], m[2], m[3], m[4], m[5], m[6], m[10], m[11]].map((v) => (v === undefined ? 0 : +v));
  if (h > 23 || mm > 59) return undefined;
  const date = utc(year, month, day, hour, minute, second, fraction(m[7]));
  if (date && m[9]) date.setTime(date.getTime() - (m[9] === "-" ? -60_000 : 60_000) * (h * 60 + mm));
  return date;
}

/** Milliseconds of a fraction of a second given by its digits. */
const fraction = (digits: string | undefined): number => (digits ? Math.floor(+`0.${digits}` * 1000) : 0);

/** The instant, UTC; undefined when a field is out of its range (a day the month does not have included). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  // Date.UTC reads the years 0–99 as 1900–1999.
  if (year < 100) date.setUTCFullYear(year, month - 1, day);
  // A field out of its range rolls over into the next one: read back, it is not what was set. (The time
  // fields, never negative, roll over exactly when they are too large.)
  return hour < 24 && minute < 60 && second < 60 && millis < 1000 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : undefined;
}

/** The decimal value of `text[from..to)`, all digits; -1 when one is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The form Dataverse writes, `2026-11-20T09:00:00Z` or `2026-11-20T09:00:00.123Z`, read without the
 * regular expression: the same instant parseIsoInstant gives, or undefined to let it decide (another
 * form, or a value it refuses).
 */
function parseUtcDateTime(text: string): Date | undefined {
  const n = text.length;
  if (n < 20 || text[n - 1] !== "Z" || text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" || text[16] !== ":") return undefined;
  if (n > 20 && (text[19] !== "." || n === 21 || digits(text, 20, n - 1) < 0)) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  return utc(year, month, day, hour, minute, second, fraction(text.slice(20, n - 1)));
}
