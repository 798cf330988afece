import { verdictText } from "../../MailboxHealth/i18n/verdictText";
import type { Status } from "../../MailboxHealth/model/finding";
import type { Localizer } from "../../MailboxHealth/i18n/localize";
import type { FindingReport, MailboxView } from "../report";
import type { MailboxLine, ViewOptions } from "./summary";
import type { Tally } from "./summary";
import { actionable, byProfileLines, byRuleLines, count, listedLine, sourceLine, summaryLine, unreadableLines } from "./summary";
import { block, clean, padEnd, truncate, width } from "./text";
import { headingOf } from "../../MailboxHealth/report/mailboxMarkdown";

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

/**
 * Rule ids in lines of at most `max` characters, each id whole: as many a line as fit, the others on the
 * next lines. Only an id longer than the column itself is broken, after a hyphen, never cut.
 */
export function idLines(ids: readonly string[], max: number): string[] {
  if (ids.length === 0) return ["—"];
  const lines: string[] = [];
  let line = "";
  const pieces = ids.flatMap((id, i) => breakId(id + (i < ids.length - 1 ? "," : ""), max));
  for (const piece of pieces) {
    if (line && width(line) + 1 + width(piece) <= max) line += " " + piece;
    else {
      if (line) lines.push(line);
      line = piece;
    }
  }
  lines.push(line);
  return lines;
}

/** An id that does not fit `max`, in parts that end at hyphens (a part longer than `max` still whole). */
function breakId(id: string, max: number): string[] {
  if (width(id) <= max) return [id];
  const parts: string[] = [];
  let part = "";
  for (const segment of id.split(/(?<=-)/)) {
    if (part && width(part) + width(segment) > max) {
      parts.push(part);
      part = "";
    }
    part += segment;
  }
  parts.push(part);
  return parts;
}

/** Appends without spreading: a 12 MB name wraps to more lines than a call can take as arguments. */
function pushAll(out: string[], lines: readonly string[]): void {
  for (const line of lines) out.push(line);
}

/** The narrowest the mailbox column gets so that whole rule ids fit beside it. */
const MIN_MAILBOX_WIDTH = 20;

/** The title, one line a mailbox (more when its rules need them) and the summary, over every mailbox checked. */
export function tableHead(lines: readonly MailboxLine[], tally: Tally, o: TableOptions): string[] {
  const l = o.localizer;
  const total = Math.max(60, o.width);
  const paint = painter(o);
  const bold = (text: string): string => (o.color ? BOLD + text + RESET : text);
  const status = (s: Status): string => l.text(`Status_${s}`);

  const headings = { mailbox: l.text("Cli_Column_Mailbox"), verdict: l.text("Cli_Column_Verdict"), problems: l.text("Section_Problems") };
  const verdictWidth = Math.max(width(headings.verdict), ...(["problem", "warning", "unverified", "ok"] as Status[]).map((s) => width(status(s))));
  let longestList = width(headings.problems);
  let longestId = 0;
  for (const line of lines) {
    longestList = Math.max(longestList, width(line.problems.join(", ")));
    line.problems.forEach((id, i) => (longestId = Math.max(longestId, width(id) + (i < line.problems.length - 1 ? 1 : 0))));
  }
  const room = total - verdictWidth - 4;
  // About half the room for the rules, and at least the longest id, unless the mailbox column would get too narrow.
  const problemsWidth = Math.min(longestList, Math.max(Math.floor(room * 0.45), Math.min(longestId, room - MIN_MAILBOX_WIDTH)));
  const mailboxWidth = room - problemsWidth;
  const row = (a: string, b: string, c: string): string => `${padEnd(a, mailboxWidth)}  ${b}  ${c}`;

  const out: string[] = [];
  out.push(bold(truncate(l.text("Panel_Label"), total)));
  pushAll(out, block(sourceLine(o), total, ""));
  for (const line of unreadableLines(o)) pushAll(out, block(clean(line), total, ""));
  out.push("");
  out.push(row(headings.mailbox, padEnd(headings.verdict, verdictWidth), headings.problems).trimEnd());
  out.push(row("─".repeat(mailboxWidth), "─".repeat(verdictWidth), "─".repeat(problemsWidth)));
  for (const line of lines) {
    const name = truncate(clean(line.label), mailboxWidth);
    const ids = idLines(line.problems, problemsWidth);
    out.push(row(name, paint(line.status, padEnd(status(line.status), verdictWidth)), ids[0]).trimEnd());
    for (const more of ids.slice(1)) out.push(row("", " ".repeat(verdictWidth), more));
  }
  out.push("");
  pushAll(out, items(summaryLine(tally, l), total));
  const listed = listedLine(tally, o);
  if (listed) pushAll(out, block(listed, total, ""));
  // Each by-rule line apart, its continuation indented under it.
  const byRule = byRuleLines(tally, l);
  if (byRule.length) out.push("");
  for (const line of byRule) pushAll(out, items(line, total - 2).map((text, i) => (i ? "  " + text : text)));
  // The heading, then a line a profile, indented under it.
  const byProfile = byProfileLines(tally, l, clean);
  if (byProfile.length) out.push("");
  byProfile.forEach((line, i) => pushAll(out, i ? block(line, total, "  ", "    ") : block(line, total, "")));
  return out;
}

/** "a · b · c" in lines of at most `total` characters, broken between items where it can be. */
function items(text: string, total: number): string[] {
  const lines: string[] = [];
  for (const item of text.split(" · ")) {
    const last = lines.length - 1;
    if (last >= 0 && width(lines[last]) + 3 + width(item) <= total) lines[last] += " · " + item;
    else lines.push(item);
  }
  return lines.flatMap((line) => block(line, total, ""));
}

/**
 * The findings with each reason said once, as the control's view says it: a later finding whose detail an
 * earlier one gives (an unreadable table blocks several checks) names the first ("Same reason as …") and
 * keeps only the steps the first does not give. The Markdown and the JSON give every finding whole, so
 * that one quoted alone in a ticket still reads.
 */
export function saidOnce(findings: FindingReport[], l: Localizer): FindingReport[] {
  const firsts = new Map<string, FindingReport>();
  return findings.map((f) => {
    const first = firsts.get(f.detail);
    if (first) return { ...f, detail: l.text("Reason_SameAs", { check: headingOf(l, first, first.title) }), fix: f.fix.filter((step) => !first.fix.includes(step)) };
    firsts.set(f.detail, f);
    return f;
  });
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

function mailboxDetails(
  view: MailboxView,
  findings: FindingReport[],
  o: TableOptions,
  total: number,
  paint: (status: Status, text: string) => string,
  bold: (text: string) => string,
): string[] {
  const l = o.localizer;
  const heading = clean(view.report.name?.trim() || view.report.emailaddress?.trim() || view.report.mailboxid);
  const out: string[] = [];
  const headingLines = block(heading, total, "");
  pushAll(out, headingLines.map(bold));
  out.push("─".repeat(Math.min(total, headingLines.reduce((max, line) => Math.max(max, width(line)), 0))));
  const identity = [view.report.emailaddress ? clean(view.report.emailaddress) : null, clean(view.report.mailboxid)].filter(Boolean).join(" · ");
  pushAll(out, block(identity, total, ""));
  pushAll(out, block(verdictText(l, view.verdict), total, ""));
  if (view.report.error) pushAll(out, block(view.report.error, total, ""));
  for (const f of saidOnce(findings, l)) {
    out.push("");
    const label = `${l.text(`Status_${f.status}`)}: `;
    const titleLines = block(headingOf(l, f, f.title), total, "  " + label);
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
