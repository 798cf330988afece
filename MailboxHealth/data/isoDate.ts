/**
 * ISO 8601 dates and date-times as instants, the same on every machine:
 *  - `2026-11-20` is midnight UTC;
 *  - a date-time with `Z` or an offset (`+01:00`, `+0100`) is the instant it names;
 *  - a date-time without a zone is UTC (Dataverse writes UTC; `new Date()` would read it as local time);
 *  - `T` or a space between date and time; seconds and a fraction of any length are optional.
 * Anything else, a day or hour that does not exist included, is not a date (undefined): `new Date()`
 * would read `11/20/2026` in the local zone and roll `2026-02-30` over into March.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))?)?$/i;

export function parseIsoInstant(text: string): Date | undefined {
  const fast = parseUtcDateTime(text);
  if (fast !== undefined) return fast;
  const m = ISO.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? 0 : Number(v)));
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (m[9]) {
    const [h, mm] = [Number(m[10]), Number(m[11])];
    if (h > 23 || mm > 59) return undefined;
    offsetMinutes = (m[9] === "-" ? -1 : 1) * (h * 60 + mm);
  }
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0–99 as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  date.setTime(date.getTime() - offsetMinutes * 60_000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Days of each month in a leap year. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  return MONTH_DAYS[month - 1] - (month === 2 && !isLeap(year) ? 1 : 0);
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
 * The form Dataverse writes, `2026-11-20T09:00:00Z` or `2026-11-20T09:00:00.123Z` (years 100 to 9999),
 * read without the regular expression: the same instant parseIsoInstant gives, or undefined to let it
 * decide (another form, or a value it refuses).
 */
function parseUtcDateTime(text: string): Date | undefined {
  const n = text.length;
  if (n < 20 || text.charCodeAt(n - 1) !== 90 /* Z */) return undefined;
  if (text[4] !== "-" || text[7] !== "-" || text[10] !== "T" || text[13] !== ":" || text[16] !== ":") return undefined;
  let millis = 0;
  if (n > 20) {
    if (text[19] !== "." || n === 21 || digits(text, 20, n - 1) < 0) return undefined;
    millis = Math.floor(Number(`0.${text.slice(20, n - 1)}`) * 1000);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
}

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
