import { verdictText } from "../../MailboxHealth/i18n/verdictText";
import type { Status } from "../../MailboxHealth/model/finding";
import type { FindingReport, MailboxView } from "../report";
import type { MailboxLine, ViewOptions } from "./summary";
import { actionable, count, lineOf, mailboxLabel, sourceLine, summaryLine } from "./summary";
import { block, clean, padEnd, truncate, width } from "./text";

/**
 * The terminal view: one line a mailbox (name, verdict, problems), a summary, then the details of
 * every mailbox that has something to act on. Fits the given width (80 when not a terminal);
 * only a URL may run longer, so that it stays clickable.
 */

export interface TableOptions extends ViewOptions {
  width: number;
  color: boolean;
}

const COLORS: Record<Status, string> = {
  problem: "\u001b[31m",
  warning: "\u001b[33m",
  unverified: "\u001b[36m",
  ok: "\u001b[32m",
  "not-applicable": "\u001b[2m",
};
const BOLD = "\u001b[1m";
const RESET = "\u001b[0m";

/** The rule ids that fit in `max` characters, then "+n" for the others. */
export function fitList(items: string[], max: number): string {
  if (items.length === 0) return "—";
  for (let shown = items.length; shown >= 1; shown--) {
    const rest = items.length - shown;
    const text = items.slice(0, shown).join(", ") + (rest ? ` +${rest}` : "");
    if (width(text) <= max) return text;
  }
  const suffix = items.length > 1 ? ` +${items.length - 1}` : "";
  return truncate(items[0], max - width(suffix)) + suffix;
}

/** Appends without spreading: a 12 MB name wraps to more lines than a call can take as arguments. */
function pushAll(out: string[], lines: readonly string[]): void {
  for (const line of lines) out.push(line);
}

/** The title, one line a mailbox and the summary; the widths come from every mailbox's line. */
export function tableHead(lines: readonly MailboxLine[], o: TableOptions): string[] {
  const l = o.localizer;
  const total = Math.max(60, o.width);
  const paint = painter(o);
  const bold = (text: string): string => (o.color ? BOLD + text + RESET : text);
  const status = (s: Status): string => l.text(`Status_${s}`);

  const headings = { mailbox: l.text("Cli_Column_Mailbox"), verdict: l.text("Cli_Column_Verdict"), problems: l.text("Section_Problems") };
  const verdictWidth = Math.max(width(headings.verdict), ...(["problem", "warning", "unverified", "ok"] as Status[]).map((s) => width(status(s))));
  const longest = lines.reduce((max, line) => Math.max(max, width(line.problems.join(", "))), width(headings.problems));
  const problemsWidth = Math.min(longest, Math.floor((total - verdictWidth - 4) * 0.45));
  const mailboxWidth = total - verdictWidth - problemsWidth - 4;
  const row = (a: string, b: string, c: string): string => `${padEnd(a, mailboxWidth)}  ${b}  ${c}`;

  const out: string[] = [];
  out.push(bold(truncate(l.text("Panel_Label"), total)));
  pushAll(out, block(sourceLine(o), total, ""));
  out.push("");
  out.push(row(headings.mailbox, padEnd(headings.verdict, verdictWidth), headings.problems).trimEnd());
  out.push(row("─".repeat(mailboxWidth), "─".repeat(verdictWidth), "─".repeat(problemsWidth)));
  for (const line of lines) {
    const name = truncate(clean(line.label), mailboxWidth);
    out.push(row(name, paint(line.status, padEnd(status(line.status), verdictWidth)), fitList(line.problems, problemsWidth)).trimEnd());
  }
  out.push("");
  pushAll(out, block(summaryLine(lines, l), total, ""));
  return out;
}

/** The details of one mailbox, after an empty line; none when it has nothing to act on. */
export function tableDetails(view: MailboxView, o: TableOptions): string[] {
  const findings = actionable(view);
  if (findings.length === 0) return [];
  const bold = (text: string): string => (o.color ? BOLD + text + RESET : text);
  const out = [""];
  pushAll(out, mailboxDetails(view, findings, o, Math.max(60, o.width), painter(o), bold));
  return out;
}

const painter =
  (o: TableOptions) =>
  (status: Status, text: string): string =>
    o.color ? COLORS[status] + text + RESET : text;

export function formatTable(views: readonly MailboxView[], o: TableOptions): string {
  const out = tableHead(views.map(lineOf), o);
  for (const view of views) pushAll(out, tableDetails(view, o));
  return out.join("\n") + "\n";
}

function mailboxDetails(
  view: MailboxView,
  findings: FindingReport[],
  o: TableOptions,
  total: number,
  paint: (status: Status, text: string) => string,
  bold: (text: string) => string,
): string[] {
  const l = o.localizer;
  const heading = clean(mailboxLabel(view));
  const out: string[] = [];
  const headingLines = block(heading, total, "");
  pushAll(out, headingLines.map(bold));
  out.push("─".repeat(Math.min(total, headingLines.reduce((max, line) => Math.max(max, width(line)), 0))));
  const identity = [view.report.emailaddress ? clean(view.report.emailaddress) : null, clean(view.report.mailboxid)].filter(Boolean).join(" · ");
  pushAll(out, block(identity, total, ""));
  pushAll(out, block(verdictText(l, view.verdict), total, ""));
  if (view.report.error) pushAll(out, block(view.report.error, total, ""));
  for (const f of findings) {
    out.push("");
    const label = `${l.text(`Status_${f.status}`)}: `;
    const titleLines = block(f.title, total, "  " + label);
    out.push(paint(f.status, titleLines[0]));
    pushAll(out, titleLines.slice(1));
    pushAll(out, block(f.detail, total, "    "));
    if (f.evidence.length > 0) {
      out.push(`    ${l.text("Finding_Evidence")}`);
      for (const e of f.evidence) pushAll(out, block(`${e.field}: ${e.value}`, total, "      ", "        "));
    }
    if (f.fix.length > 0) {
      out.push(`    ${l.text("Finding_Fix")}`);
      f.fix.forEach((step, i) => pushAll(out, block(step, total, `      ${i + 1}. `)));
    }
    if (f.links.length > 0) {
      out.push(`    ${l.text("Finding_Links")}`);
      for (const link of f.links) {
        pushAll(out, block(link.label, total, "      "));
        out.push(`        ${link.url}`);
      }
    }
  }
  const passed = count(view, "ok");
  const notApplicable = count(view, "not-applicable");
  out.push("");
  pushAll(out, block(`${l.text("Section_Passed", { n: passed })} · ${l.text("Section_NotApplicable", { n: notApplicable })}`, total, "  "));
  return out;
}
