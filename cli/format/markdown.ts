import { mailboxMarkdown, md } from "../../MailboxHealth/report/mailboxMarkdown";
import type { MailboxDiagnosis } from "../diagnoseDump";
import { notDiagnosed, urlFor } from "../report";
import type { MailboxLine, Tally, ViewOptions } from "./summary";
import { byProfileLines, byRuleLines, listedLine, sourceLine, summaryLine, unreadableLines } from "./summary";

/**
 * The Markdown view, for a ticket or a wiki page. Every text is escaped, so that server text
 * (names, addresses, alert texts) stays text: no HTML, no links, no emphasis of its own. Each mailbox's
 * section is MailboxHealth/report/mailboxMarkdown.ts, the one the control copies with Copy report.
 */

export { md };

/** The title, the table of every mailbox listed (one line each) and the summary of every mailbox checked. */
export function markdownHead(lines: readonly MailboxLine[], tally: Tally, o: ViewOptions): string[] {
  const l = o.localizer;
  const out: string[] = [];
  out.push(`# ${md(l.text("Panel_Label"))}`, "", md(sourceLine(o)), "");
  for (const line of unreadableLines(o)) out.push(md(line), "");
  out.push(`| ${md(l.text("Cli_Column_Mailbox"))} | ${md(l.text("Cli_Column_Verdict"))} | ${md(l.text("Section_Problems"))} |`);
  out.push("| --- | --- | --- |");
  for (const line of lines) {
    const problems = line.problems.map((rule) => `\`${rule}\``).join(", ") || "—";
    out.push(`| ${md(line.label) || "\\-"} | ${md(l.text(`Status_${line.status}`))} | ${problems} |`);
  }
  out.push("", md(summaryLine(tally, l)));
  const listed = listedLine(tally, o);
  if (listed) out.push("", md(listed));
  // Rule ids as code, as in the table above.
  for (const line of byRuleLines(tally, l, md, (rule) => `\`${rule}\``)) out.push("", line);
  const byProfile = byProfileLines(tally, l, md);
  if (byProfile.length) out.push("", `**${byProfile[0]}**`, "", ...byProfile.slice(1).map((line) => `- ${line}`));
  return out;
}

/** The section of one mailbox, after an empty line: what to act on. None when there is nothing to act on. */
export function markdownDetails(d: MailboxDiagnosis, o: ViewOptions): string {
  const v = d.result.verdict;
  if (v.problems + v.warnings + v.unverified === 0) return "";
  const l = o.localizer;
  const note = d.error === undefined ? undefined : notDiagnosed(d, l);
  return "\n" + mailboxMarkdown(d.result, l, { note, url: urlFor(l, d.result.snapshot.clientUrl) });
}
