import type { DiagnosisResult } from "../diagnosis/diagnose";
import type { Finding, Message, Status } from "../model/finding";
import type { Localizer } from "../i18n/localize";
import { isAllowedUrl } from "../i18n/localize";
import { verdictText } from "../i18n/verdictText";
import { isGuid } from "../model/guid";
import { Learn } from "../rules/links";

/**
 * One mailbox's diagnosis as Markdown, for a support ticket or a message to the Exchange admin: the
 * section the command line prints for the mailbox, and what the control's Copy report copies. Pure: no
 * Node, no DOM; texts from the control's resx through its localizer. Every text from the data is
 * escaped, so that it renders as the characters it is (no HTML, no links, no emphasis of its own).
 */

/**
 * Texts worded for someone on the control's form ("select Recheck"): a report is read elsewhere, so it
 * says them as `Report_<key>` ("run this check again", "open the mailbox and select …").
 */
const FOR_REPORT = ["Fix_TestEnable", "Fix_SaveAndTestEnable", "Fix_GrantReadAndRecheck", "MailboxState_OkScheduled", "Schedule_Fix_FixCauseFirst"];

const say = (l: Localizer, m: Message): string => l.message(FOR_REPORT.includes(m.key) ? { key: "Report_" + m.key, args: m.args } : m);

/** The statuses a report details, in its order: the others are only counted. */
const ACTION: Status[] = ["problem", "warning", "unverified"];

export interface FindingText {
  title: string;
  detail: string;
  evidence: { field: string; value: string }[];
  fix: string[];
  links: { label: string; url: string }[];
}

/**
 * A finding's texts as a report gives them (the command line's JSON too). `url`: a link's URL as shown,
 * or null to leave the link out. "Fix the problems first" only when the mailbox has a problem.
 */
export function findingText(f: Finding, l: Localizer, url: (url: string) => string | null, anyProblem: boolean): FindingText {
  const links: FindingText["links"] = [];
  for (const link of f.links) {
    const u = url(link.url);
    if (u) links.push({ label: l.message(link.label), url: u });
  }
  // Like the control: a finding about a documented cause links to that cause in Microsoft's article.
  const article = f.cause !== null && ACTION.includes(f.status) && url(Learn.article401);
  if (article) links.push({ label: l.text("Finding_Cause", { cause: f.cause! }), url: article });
  return {
    title: l.text(`Rule_${f.rule}_Title`),
    detail: say(l, f.detail),
    evidence: f.evidence.map((e) => ({ field: e.field, value: l.evidenceValue(e.value) })),
    fix: f.fix.filter((m) => anyProblem || m.key !== "Schedule_Fix_FixCauseFirst").map((m) => say(l, m)),
    links,
  };
}

/**
 * What heads a finding in a report: a problem or a warning says what is wrong ("The user was deleted and
 * re-created", the control's headline); a check to verify gives its name. A check's name says what should
 * hold ("User not deleted and re-created"): after "Problem:" it would read as the opposite.
 */
export const headingOf = (l: Localizer, f: { rule: string; status: Status }, title: string): string =>
  f.status === "unverified" ? title : l.text("Headline_" + f.rule);

/**
 * Control characters that are not white space (ESC, BEL, NUL, DEL, C1) and the characters that reorder
 * or hide text (bidi embeddings, overrides and isolates, marks), shown visibly as `\x1B`, `\u202E`.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

export const visible = (text: string): string =>
  text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    const byte = code < 0x100;
    return (byte ? "\\x" : "\\u") + code.toString(16).toUpperCase().padStart(byte ? 2 : 4, "0");
  });

/**
 * One line of text: line breaks and tabs as spaces, runs of white space as one, other controls shown
 * visibly. NEL (U+0085) is a line break that `\s` does not match and `visible` would show.
 */
export const clean = (text: string): string =>
  visible(text.replace(/\u0085/g, " "))
    .replace(/\s+/g, " ")
    .trim();

/**
 * Escapes what Markdown (CommonMark and GitHub's) would read as markup: emphasis, code, links, HTML,
 * table cells, entities, a block marker at the start, and the `://` and `www.` of bare URLs, which
 * GitHub would otherwise turn into links. The result renders as the same characters.
 */
export const md = (text: string): string =>
  clean(text)
    .replace(/[\\`*_[\]<>|~&]/g, "\\$&")
    .replace(/:\/\//g, "\\://")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/^(\d+(?=[.)])|(?=[#+\-=>]))/, "$1\\");

export interface MailboxMarkdownOptions {
  /** Said under the mailbox's identity, as text (the command line: why it could not be diagnosed). */
  note?: string;
  /** A link's URL as shown, or null to leave the link out. Default: in the localizer's language, allowed hosts only. */
  url?: (url: string) => string | null;
}

/**
 * `## <mailbox>`, its address, id and verdict, then each problem, warning and check to verify with its
 * evidence, fix and links, and the number of passed and not-applicable checks. Ends with a line break.
 */
export function mailboxMarkdown(result: DiagnosisResult, l: Localizer, opts: MailboxMarkdownOptions = {}): string {
  const { snapshot, findings, verdict } = result;
  const { id, name, emailAddress } = snapshot.mailbox;
  const address = typeof emailAddress === "string" ? emailAddress.trim() : "";
  const url =
    // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13; a function is never falsy.
    opts.url ||
    ((u: string) => {
      const local = l.url(u);
      return isAllowedUrl(local, snapshot.clientUrl) ? local : null;
    });
  const count = (key: string, status: Status) => md(l.text(key, { n: findings.filter((f) => f.status === status).length }));
  const out = [
    "## " + (md((typeof name === "string" && name.trim()) || address || id) || "\\-"),
    "",
    // A code span cannot escape a backtick: an id that is not a GUID (it is data) is escaped text.
    [address && md(address), isGuid(id) ? "`" + id + "`" : md(id) || "\\-", md(verdictText(l, verdict))].filter(Boolean).join(" · "),
  ];
  const list = (key: string, lines: string[]) => {
    if (lines.length) out.push("", "**" + md(l.text(key)) + "**", "", ...lines);
  };
  if (opts.note) out.push("", md(opts.note));
  for (const status of ACTION) {
    for (const f of findings) {
      if (f.status !== status) continue;
      const t = findingText(f, l, url, verdict.problems > 0);
      out.push("", "### " + md(l.text("Status_" + status)) + ": " + md(headingOf(l, f, t.title)), "", md(t.detail));
      list("Finding_Evidence", t.evidence.map((e) => "- `" + e.field + "`: " + md(e.value)));
      list("Finding_Fix", t.fix.map((step, i) => i + 1 + ". " + md(step)));
      // Link targets are absolute https URLs; the characters that could end one are encoded.
      list("Finding_Links", t.links.map((k) => "- [" + md(k.label) + "](" + k.url.replace(/[\s()<>]/g, encodeURIComponent) + ")"));
    }
  }
  out.push("", count("Section_Passed", "ok") + " · " + count("Section_NotApplicable", "not-applicable"));
  return out.join("\n") + "\n";
}
