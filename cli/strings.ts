import type { GetString, Localizer } from "../MailboxHealth/i18n/localize";
import { createLocalizer } from "../MailboxHealth/i18n/localize";
import { cliResxPath, controlResxPath } from "./paths";
import { readResx } from "./resx";

/** The languages the command line speaks: the languages of the control's resx files. */
export const LANGUAGES = { en: 1033, cs: 1029 } as const;
export type Language = keyof typeof LANGUAGES;

export const isLanguage = (value: string): value is Language => Object.prototype.hasOwnProperty.call(LANGUAGES, value);

const ENGLISH = LANGUAGES.en;
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
