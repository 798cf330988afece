import { readFileSync } from "fs";
import type { OrgDump } from "../MailboxHealth/data/orgDump";
import { OrgDumpError, validateOrgDump } from "../MailboxHealth/data/orgDump";
import { CliError } from "./errors";

/** One line: error texts from the file system or JSON.parse may carry line breaks. */
export const oneLine = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Reads, parses and checks an org dump. Every failure is a CliError that names the file. */
export function readDump(path: string, shownAs: string = path): OrgDump {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new CliError("Cli_Error_FileMissing", { file: shownAs });
    if (code === "EISDIR") throw new CliError("Cli_Error_FileIsDirectory", { file: shownAs });
    throw new CliError("Cli_Error_FileUnreadable", { file: shownAs, reason: oneLine(e instanceof Error ? e.message : String(e)) });
  }
  return parseDump(text.replace(/^\uFEFF/, ""), shownAs);
}

export function parseDump(text: string, shownAs: string): OrgDump {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CliError("Cli_Error_NotJson", { file: shownAs, reason: oneLine(e instanceof Error ? e.message : String(e)) });
  }
  try {
    return validateOrgDump(value);
  } catch (e) {
    if (e instanceof OrgDumpError) throw new CliError("Cli_Error_BadDump", { file: shownAs, reason: oneLine(e.message) });
    throw e;
  }
}
