/**
 * Plain-text helpers for the terminal views. Server text (names, addresses, alert texts) is shown as
 * text only: control characters, including terminal escape sequences, never reach the terminal.
 */

// The one definition, shared with the Markdown a report copies (MailboxHealth/report/mailboxMarkdown.ts).
export { clean, visible } from "../../MailboxHealth/report/mailboxMarkdown";
import { clean } from "../../MailboxHealth/report/mailboxMarkdown";

/** Length in characters (code points), which is the column count for the scripts the texts use. */
export const width = (text: string): number => [...text].length;

export function truncate(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  if (max <= 1) return chars.slice(0, Math.max(0, max)).join("");
  return chars.slice(0, max - 1).join("").trimEnd() + "…";
}

export const padEnd = (text: string, size: number): string => text + " ".repeat(Math.max(0, size - width(text)));

/**
 * Word-wraps `text` to lines of at most `max` characters. A word longer than a line is cut, except a
 * URL, which stays whole so that terminals can still open it.
 */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of clean(text).split(" ")) {
    if (!word) continue;
    const pieces = width(word) > max && !/^https?:\/\//i.test(word) ? chunks(word, max) : [word];
    for (const piece of pieces) {
      if (!line) line = piece;
      else if (width(line) + 1 + width(piece) <= max) line += " " + piece;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

function chunks(word: string, size: number): string[] {
  const chars = [...word];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
}

/** `first` before the first line, `rest` before the others (hanging indent). */
export function indentLines(lines: string[], first: string, rest: string = " ".repeat(width(first))): string[] {
  return lines.map((line, i) => (i === 0 ? first : rest) + line);
}

/** Wraps to a total width, with the indents counted in. */
export function block(text: string, total: number, first: string, rest: string = " ".repeat(width(first))): string[] {
  const room = Math.max(20, total - Math.max(width(first), width(rest)));
  return indentLines(wrap(text, room), first, rest);
}
