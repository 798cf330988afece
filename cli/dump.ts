import { readFileSync } from "fs";
import type { OrgDump } from "../MailboxHealth/data/orgDump";
import { OrgDumpError } from "../MailboxHealth/data/orgDump";
import { checkedDump } from "./dumpIds";
import { CliError } from "./errors";
import { EXPECTED_KEYS, findJsonError } from "./jsonError";
import { LargeJsonError, parseLargeJsonObject } from "./largeJson";

/** One line: error texts from the file system may carry line breaks. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/**
 * The text of a dump file. UTF-8, with or without a byte order mark; UTF-16 (what Windows PowerShell 5
 * writes with `>`) is recognized by its byte order mark, or by the zero bytes of ASCII text without one,
 * and decoded.
 */
export function decodeDump(bytes: Buffer): { text: string; encoding: "utf-8" | "utf-16le" | "utf-16be" } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.toString("utf16le", 2), encoding: "utf-16le" };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: swap16(bytes.subarray(2)).toString("utf16le"), encoding: "utf-16be" };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.toString("utf8", 3), encoding: "utf-8" };
  // JSON starts with ASCII: a zero byte after it (LE) or before it (BE) is UTF-16 without a byte order mark.
  if (bytes.length >= 4 && bytes.length % 2 === 0) {
    if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return { text: bytes.toString("utf16le"), encoding: "utf-16le" };
    if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return { text: swap16(bytes).toString("utf16le"), encoding: "utf-16be" };
  }
  return { text: bytes.toString("utf8"), encoding: "utf-8" };
}

function swap16(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}

/** Reads, parses and checks an org dump. Every failure is a CliError that names the file. */
export function readDump(path: string, shownAs: string = path): OrgDump {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError("Cli_Error_FileMissing", { file: shownAs });
    if (code === "EISDIR") throw new CliError("Cli_Error_FileIsDirectory", { file: shownAs });
    // The system's message names the path and the reason, never bytes of the file.
    throw new CliError("Cli_Error_FileUnreadable", { file: shownAs, reason: oneLine(code ?? (e instanceof Error ? e.message : String(e))) });
  }
  return parseDumpBytes(bytes, shownAs);
}

/** Above this size a UTF-8 dump is parsed value by value (largeJson.ts); V8's longest string is ~512 MB. */
export const LARGE_DUMP_BYTES = 256 * 1024 * 1024;

export function parseDumpBytes(bytes: Buffer, shownAs: string, largeAbove: number = LARGE_DUMP_BYTES): OrgDump {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length >= 4 && (bytes[1] === 0 || bytes[0] === 0)));
  if (bytes.length <= largeAbove || utf16) {
    if (utf16 && bytes.length > 2 * LARGE_DUMP_BYTES) throw new CliError("Cli_Error_LargeUtf16", { file: shownAs });
    return parseDump(decodeDump(bytes).text, shownAs);
  }
  let value: unknown;
  try {
    value = parseLargeJsonObject(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  } catch (e) {
    if (!(e instanceof LargeJsonError)) throw e;
    throw new CliError("Cli_Error_NotJson", {
      file: shownAs,
      line: String(e.error.line),
      column: String(e.error.column),
      expected: { key: EXPECTED_KEYS[e.error.expected] },
    });
  }
  return checked(value, shownAs);
}

/**
 * Parses and checks a dump's text. A syntax error is named by line, column and what was expected:
 * JSON.parse's own message quotes the input, which may hold a password or terminal escape sequences.
 */
export function parseDump(text: string, shownAs: string): OrgDump {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    const error = findJsonError(text.replace(/^\uFEFF/, ""));
    if (!error) throw new CliError("Cli_Error_NotJsonUnplaced", { file: shownAs });
    throw new CliError("Cli_Error_NotJson", {
      file: shownAs,
      line: String(error.line),
      column: String(error.column),
      expected: { key: EXPECTED_KEYS[error.expected] },
    });
  }
  return checked(value, shownAs);
}

function checked(value: unknown, shownAs: string): OrgDump {
  try {
    return checkedDump(value);
  } catch (e) {
    if (e instanceof OrgDumpError) throw new CliError("Cli_Error_BadDump", { file: shownAs, reason: oneLine(e.message) });
    throw e;
  }
}
