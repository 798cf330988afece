/**
 * The page's clock. The demo org is written against a reference moment (demo/README.md), and the
 * command line judges `--demo` as of that moment; the playground does the same by starting the page's
 * clock there. `new Date()` and `Date.now()` then run from that moment at the normal pace, for the
 * control and for everything else on the page. "real" puts the clock back to this computer's time.
 */

/** demo/README.md, "Reference date"; the same value as the command line's DEMO_REFERENCE_DATE. */
export const DEMO_REFERENCE = "2026-11-20T09:00:00Z";

export type ClockMode = "demo" | "real";

export interface Clock {
  readonly mode: ClockMode;
  set(mode: ClockMode): void;
  now(): number;
}

type DateArgs = [] | [string | number | Date] | [number, number, number?, number?, number?, number?, number?];

export function installClock(win: Window & typeof globalThis, mode: ClockMode): Clock {
  const RealDate = win.Date;
  let offset = 0;
  let current: ClockMode = mode;
  const now = () => RealDate.now() + offset;
  const set = (next: ClockMode) => {
    current = next;
    offset = next === "demo" ? RealDate.parse(DEMO_REFERENCE) - RealDate.now() : 0;
  };
  set(mode);

  function PageDate(this: unknown, ...args: DateArgs): Date | string {
    if (!new.target) return new RealDate(now()).toString();
    if (args.length === 0) return new RealDate(now());
    return new (RealDate as unknown as new (...a: DateArgs) => Date)(...args);
  }
  PageDate.prototype = RealDate.prototype;
  PageDate.now = now;
  PageDate.parse = RealDate.parse.bind(RealDate);
  PageDate.UTC = RealDate.UTC.bind(RealDate);
  win.Date = PageDate as unknown as DateConstructor;

  return {
    get mode() {
      return current;
    },
    set,
    now,
  };
}
