import { readFileSync } from "fs";
import type { GetString, Localizer } from "../MailboxHealth/i18n/localize";
import { createLocalizer } from "../MailboxHealth/i18n/localize";
import { parseResx } from "../MailboxHealth/i18n/resx";
import { cliResxPath, controlResxPath } from "./paths";

/** The languages the command line speaks: the languages of the control's resx files. */
export const LANGUAGES = { en: 1033, cs: 1029 } as const;
export type Language = keyof typeof LANGUAGES;

export const isLanguage = (value: string): value is Language => Object.prototype.hasOwnProperty.call(LANGUAGES, value);

const ENGLISH = LANGUAGES.en;

/** A resx file's strings, read at run time with the control's own resx reader. */
export function readResx(path: string): Map<string, string> {
  return new Map(Object.entries(parseResx(readFileSync(path, "utf8"))));
}
const cache = new Map<number, Map<string, string>>();

/** The control's strings and the command line's own, for one LCID. */
function stringsOf(lcid: number): Map<string, string> {
  let strings = cache.get(lcid);
  if (!strings) {
    strings = new Map([...readResx(controlResxPath(lcid)), ...readResx(cliResxPath(lcid))]);
    cache.set(lcid, strings);
  }
  return strings;
}

/** Looks a key up in the language, then in English; the key itself when missing (as the platform does). */
export function getStringFor(language: Language): GetString {
  const strings = stringsOf(LANGUAGES[language]);
  const fallback = language === "en" ? strings : stringsOf(ENGLISH);
  return (key) => strings.get(key) ?? fallback.get(key) ?? key;
}

export function localizerFor(language: Language, timeZone?: string): Localizer {
  return createLocalizer(getStringFor(language), LANGUAGES[language], timeZone);
}
