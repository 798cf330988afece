import * as fs from "fs";
import * as path from "path";
import { parseResx } from "../../MailboxHealth/i18n/resx";
import { createLocalizer } from "../../MailboxHealth/i18n/localize";
import type { Localizer } from "../../MailboxHealth/i18n/localize";

export const RESX_DIR = path.join(__dirname, "../../MailboxHealth/strings");

export function resx(lcid: 1033 | 1029): Record<string, string> {
  return parseResx(fs.readFileSync(path.join(RESX_DIR, `MailboxHealth.${lcid}.resx`), "utf8"));
}

/** `getString` as the platform does it: the value, or the key itself when missing. */
export function getStringFor(lcid: 1033 | 1029): (key: string) => string {
  const strings = resx(lcid);
  return (key: string) => strings[key] ?? key;
}

export function localizer(lcid: 1033 | 1029): Localizer {
  return createLocalizer(getStringFor(lcid), lcid, "UTC");
}
