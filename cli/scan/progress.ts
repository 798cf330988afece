import type { Localizer } from "../../MailboxHealth/i18n/localize";
import type { ProgressEvent } from "./http";

/**
 * What `scan` is reading, on one updating line of stderr: each table with its rows and pages so far,
 * and any wait for throttling. Only on a terminal and without --quiet; otherwise silent (warnings are
 * written by the command, not here). The line is cleared before anything else is written.
 */

/** The keys of each plural form a count takes, in the command line's resx files. */
const ROWS = { one: "Cli_Progress_Rows_one", few: "Cli_Progress_Rows_few", other: "Cli_Progress_Rows_other" };
const PAGES = { one: "Cli_Progress_Pages_one", few: "Cli_Progress_Pages_few", other: "Cli_Progress_Pages_other" };

export interface StatusOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

interface TableState {
  rows: number;
  pages: number;
  done: boolean;
}

const REDRAW_MS = 100;

export class Progress {
  private readonly tables = new Map<string, TableState>();
  private wait: { seconds: number; why: "throttled" | "retry" } | null = null;
  private shown = false;
  private lastDraw = 0;

  constructor(
    private readonly out: StatusOutput,
    readonly enabled: boolean,
    private readonly l: Localizer,
    private readonly clock: () => number = Date.now,
  ) {}

  readonly event = (e: ProgressEvent): void => {
    if (!this.enabled) return;
    const state = this.tables.get(e.target) ?? { rows: 0, pages: 0, done: false };
    if (e.kind === "wait") {
      this.wait = { seconds: e.seconds, why: e.why };
      this.tables.set(e.target, state);
      this.draw(true);
      return;
    }
    this.wait = null;
    state.rows = e.rows;
    state.pages = e.pages;
    state.done = e.kind === "done";
    this.tables.set(e.target, state);
    this.draw(e.kind === "done");
  };

  /** A line that stays (e.g. which sign-in was used), written above the status line. */
  note(text: string): void {
    if (!this.enabled) return;
    this.clear();
    this.out.write(`${text}\n`);
  }

  clear(): void {
    if (!this.shown) return;
    this.out.write("\r\x1b[2K");
    this.shown = false;
  }

  private draw(force: boolean): void {
    const now = this.clock();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const format = new Intl.NumberFormat(this.l.locale);
    const n = (value: number): string => format.format(value);
    const plural = new Intl.PluralRules(this.l.locale);
    // "1 row", "2 rows"; in Czech "1 řádek", "2 řádky", "5 řádků".
    const counted = (keys: Record<string, string>, value: number): string => this.l.text(keys[plural.select(value)] || keys.other, { n: n(value) });
    const parts: string[] = [];
    for (const [target, s] of this.tables) {
      if (s.done) continue;
      parts.push(this.l.text("Cli_Progress_Table", { table: target, rows: counted(ROWS, s.rows), pages: counted(PAGES, s.pages) }));
    }
    const done = [...this.tables.values()].filter((s) => s.done).length;
    let line = this.l.text("Cli_Progress_Reading", { done: n(done), tables: parts.join(" · ") || "…" });
    if (this.wait) {
      line += " · " + this.l.text(this.wait.why === "throttled" ? "Cli_Progress_Throttled" : "Cli_Progress_Retry", { seconds: n(Math.ceil(this.wait.seconds)) });
    }
    const width = Math.max(20, (this.out.columns ?? 80) - 1);
    if (line.length > width) line = `${line.slice(0, width - 1)}…`;
    this.out.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }
}
