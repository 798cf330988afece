/**
 * Plain-text helpers for the terminal views. Server text (names, addresses, alert texts) is shown as
 * text only: control characters, including terminal escape sequences, never reach the terminal.
 */

/**
 * Control characters that are not white space (ESC, BEL, NUL, DEL, C1) and the characters that reorder
 * or hide text (bidi embeddings, overrides and isolates, marks), shown visibly as `\x1B`, `\u202E`: a
 * terminal never receives them, and a reader sees that they were there.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
  });
}

/** One line of text: line breaks and tabs as spaces, runs of white space as one, other controls shown visibly. */
export function clean(text: string): string {
  return visible(text.replace(/[\t\n\r\f\u2028\u2029\u0085]+/g, " ")).replace(/\s+/g, " ").trim();
}

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
