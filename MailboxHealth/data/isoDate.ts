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
  // The number a group captured, 0 when it did not take part.
  const n = (group: number): number => +(m[group] || 0);
  const h = n(10);
  const mm = n(11);
  if (h > 23 || mm > 59) return undefined;
  const date = utc(n(1), n(2), n(3), n(4), n(5), n(6), fraction(m[7]));
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

/** The form Dataverse writes, `2026-11-20T09:00:00Z` or `2026-11-20T09:00:00.123Z`. */
const UTC_FORM = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

/**
 * The form Dataverse writes, read with a regular expression that captures nothing and fields at fixed
 * places: the same instant parseIsoInstant gives, or undefined to let it decide (another form, or a value
 * it refuses).
 */
function parseUtcDateTime(text: string): Date | undefined {
  if (!UTC_FORM.test(text)) return undefined;
  // Two digits at a place: checked by the expression, read by their character codes (0 is 48).
  const at = (from: number): number => text.charCodeAt(from) * 10 + text.charCodeAt(from + 1) - 528;
  return utc(at(0) * 100 + at(2), at(5), at(8), at(11), at(14), at(17), fraction(text.slice(20, -1)));
}
