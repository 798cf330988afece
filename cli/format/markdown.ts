import { verdictText } from "../../MailboxHealth/i18n/verdictText";
import type { MailboxView } from "../report";
import type { MailboxLine, ViewOptions } from "./summary";
import { actionable, count, lineOf, mailboxLabel, sourceLine, summaryLine } from "./summary";
import { isGuid } from "../../MailboxHealth/model/guid";
import { clean } from "./text";

/**
 * The Markdown view, for a ticket or a wiki page. Every text is escaped, so that server text
 * (names, addresses, alert texts) stays text: no HTML, no links, no emphasis of its own.
 */

/**
 * Escapes what Markdown (CommonMark and GitHub's) would read as markup: emphasis, code, links, HTML,
 * table cells, entities, a block marker at the start, and the `://` and `www.` of bare URLs, which
 * GitHub would otherwise turn into links. The result renders as the same characters.
 */
export function md(text: string): string {
  return clean(text)
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/:\/\//g, "\\://")
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(/^([#+\-=>]|\d+[.)])/, (start) => start.replace(/[#+\-=>.)]/, (c) => `\\${c}`));
}

/**
 * A mailbox id: a GUID in a code span; anything else (an id is data: it may hold backticks, `<`, line
 * breaks) as escaped text, since a code span cannot escape a backtick.
 */
export function mdId(id: string): string {
  return isGuid(id) ? `\`${id}\`` : md(id) || "\\-";
}

/** A link target: only absolute https URLs, with the characters that could end the target encoded. */
function target(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => encodeURIComponent(c));
}

/** The title, the table of every mailbox (one line each) and the summary. */
export function markdownHead(lines: readonly MailboxLine[], o: ViewOptions): string[] {
  const l = o.localizer;
  const out: string[] = [];
  out.push(`# ${md(l.text("Panel_Label"))}`, "", md(sourceLine(o)), "");
  out.push(`| ${md(l.text("Cli_Column_Mailbox"))} | ${md(l.text("Cli_Column_Verdict"))} | ${md(l.text("Section_Problems"))} |`);
  out.push("| --- | --- | --- |");
  for (const line of lines) {
    const problems = line.problems.map((rule) => `\`${rule}\``).join(", ") || "—";
    out.push(`| ${md(line.label) || "\\-"} | ${md(l.text(`Status_${line.status}`))} | ${problems} |`);
  }
  out.push("", md(summaryLine(lines, l)));
  return out;
}

/** The section of one mailbox: what to act on. None when there is nothing to act on. */
export function markdownDetails(view: MailboxView, o: ViewOptions): string[] {
  const l = o.localizer;
  const out: string[] = [];
  const findings = actionable(view);
  if (findings.length === 0) return out;
  out.push("", `## ${md(mailboxLabel(view)) || "\\-"}`, "");
  const identity = [view.report.emailaddress ? md(view.report.emailaddress) : null, mdId(view.report.mailboxid)].filter(Boolean);
  out.push(`${identity.join(" · ")} · ${md(verdictText(l, view.verdict))}`);
  if (view.report.error) out.push("", md(view.report.error));
  for (const f of findings) {
    out.push("", `### ${md(l.text(`Status_${f.status}`))}: ${md(f.title)}`, "", md(f.detail));
    if (f.evidence.length > 0) {
      out.push("", `**${md(l.text("Finding_Evidence"))}**`, "");
      for (const e of f.evidence) out.push(`- \`${e.field}\`: ${md(e.value)}`);
    }
    if (f.fix.length > 0) {
      out.push("", `**${md(l.text("Finding_Fix"))}**`, "");
      f.fix.forEach((step, i) => out.push(`${i + 1}. ${md(step)}`));
    }
    if (f.links.length > 0) {
      out.push("", `**${md(l.text("Finding_Links"))}**`, "");
      for (const link of f.links) out.push(`- [${md(link.label)}](${target(link.url)})`);
    }
  }
  out.push("", `${md(l.text("Section_Passed", { n: count(view, "ok") }))} · ${md(l.text("Section_NotApplicable", { n: count(view, "not-applicable") }))}`);
  return out;
}

export function formatMarkdown(views: readonly MailboxView[], o: ViewOptions): string {
  const out = markdownHead(views.map(lineOf), o);
  for (const view of views) for (const line of markdownDetails(view, o)) out.push(line);
  return out.join("\n") + "\n";
}
