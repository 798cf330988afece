import type { EvidenceValue, Message, MessageArgs } from "../model/finding";

/**
 * Turns message keys into text with the resx strings of the user's language. Used by the control
 * (through `context.resources.getString`) and by the command line (through the parsed resx files).
 */

/** Looks a resx key up; returns the key itself when missing (as the platform does). */
export type GetString = (key: string) => string;

export interface Localizer {
  /** BCP 47 tag, e.g. `en-US`, `cs-CZ`: dates, times and plural forms. */
  locale: string;
  /** Learn's locale segment, e.g. `en-us`, `cs-cz`. */
  learnLocale: string;
  text(key: string, args?: MessageArgs): string;
  message(message: Message): string;
  plural(keyBase: string, n: number): string;
  date(iso: string): string;
  time(date: Date): string;
  evidenceValue(value: EvidenceValue): string;
  /** A Learn URL in the user's language; other URLs unchanged. */
  url(url: string): string;
}

/** LCIDs → BCP 47. The UI has English and Czech strings; Learn pages exist in many more languages. */
const LOCALES: Record<number, string> = {
  1025: "ar-SA", 1028: "zh-TW", 1029: "cs-CZ", 1030: "da-DK", 1031: "de-DE", 1032: "el-GR", 1033: "en-US",
  1035: "fi-FI", 1036: "fr-FR", 1037: "he-IL", 1038: "hu-HU", 1040: "it-IT", 1041: "ja-JP", 1042: "ko-KR",
  1043: "nl-NL", 1044: "nb-NO", 1045: "pl-PL", 1046: "pt-BR", 1049: "ru-RU", 1051: "sk-SK", 1053: "sv-SE",
  1055: "tr-TR", 1058: "uk-UA", 2052: "zh-CN", 2057: "en-GB", 2070: "pt-PT", 3082: "es-ES", 3084: "fr-CA",
};

export function localeOf(lcid: number | undefined): string {
  return (lcid !== undefined && LOCALES[lcid]) || "en-US";
}

const LEARN_HOST = "learn.microsoft.com";

/** Swaps the `/en-us/` segment of a Learn URL for the user's locale. */
export function learnUrl(url: string, learnLocale: string): string {
  try {
    const u = new URL(url);
    if (u.hostname !== LEARN_HOST) return url;
    u.pathname = u.pathname.replace(/^\/[a-z]{2}-[a-z]{2}\//i, `/${learnLocale}/`);
    return u.toString();
  } catch {
    return url;
  }
}

/** Links go only to these Microsoft hosts, or to the org's own records. */
export const ALLOWED_HOSTS = [
  "learn.microsoft.com",
  "admin.microsoft.com",
  "admin.exchange.microsoft.com",
  "admin.powerplatform.microsoft.com",
  "portal.azure.com",
  "entra.microsoft.com",
] as const;

/**
 * Whether a link may be shown: https to one of ALLOWED_HOSTS, or http(s) to the org's own origin. Never a
 * script, data or other opaque URL, whatever the client URL is (an opaque client URL has the origin
 * "null", which must not match a `javascript:` URL's "null").
 */
export function isAllowedUrl(url: string, clientUrl: string | null): boolean {
  const u = httpUrl(url);
  if (!u || u.username || u.password) return false;
  if (u.protocol === "https:" && (ALLOWED_HOSTS as readonly string[]).includes(u.hostname)) return true;
  // Both http(s): an http(s) URL always has a host, so neither origin is the opaque "null".
  const org = clientUrl ? httpUrl(clientUrl) : undefined;
  return !!org && u.origin === org.origin;
}

/** An http(s) URL, parsed; undefined for any other URL. */
function httpUrl(url: string): URL | undefined {
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u : undefined;
  } catch {
    return undefined;
  }
}

/** Templates split at their `{name}` placeholders (odd indexes are the names), each split once. */
const splitTemplates = new Map<string, string[]>();

/** How many formatted dates a localizer keeps. */
const DATE_CACHE_SIZE = 4096;

export function createLocalizer(getString: GetString, lcid: number | undefined, timeZone?: string): Localizer {
  const locale = localeOf(lcid);
  const learnLocale = locale.toLowerCase();
  const pluralRules = new Intl.PluralRules(locale);
  const zone = timeZone ? { timeZone } : {};
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", ...zone });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: "short", ...zone });
  const dates = new Map<string, string>();

  /** The template with each `{name}` of `args` replaced by its value as text; other placeholders stay. */
  function interpolate(template: string, args: MessageArgs): string {
    let parts = splitTemplates.get(template);
    if (!parts) {
      parts = template.split(/\{(\w+)\}/);
      if (splitTemplates.size >= 2048) splitTemplates.clear();
      splitTemplates.set(template, parts);
    }
    let text = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i];
      const value = args[name];
      text += (name in args ? (typeof value === "object" ? l.message(value) : String(value)) : `{${name}}`) + parts[i + 1];
    }
    return text;
  }

  const l: Localizer = {
    locale,
    learnLocale,
    text(key, args) {
      const template = getString(key);
      return args ? interpolate(template, args) : template;
    },
    message(m) {
      // eslint-disable-next-line @typescript-eslint/prefer-optional-chain -- `?.` is rewritten into longer code for Safari 13; `&&` reads the same.
      const iso = m.key === "Date" && m.args && m.args.iso;
      if (typeof iso === "string") return l.date(iso);
      return l.text(m.key, m.args);
    },
    plural(keyBase, n) {
      const category = pluralRules.select(n);
      const key = `${keyBase}_${category}`;
      const template = getString(key);
      return interpolate(template === key ? getString(`${keyBase}_other`) : template, { n });
    },
    date(iso) {
      // Formatting is the costly part, and the same dates recur (a run over an org shows thousands).
      let shown = dates.get(iso);
      if (shown === undefined) {
        const d = new Date(iso);
        shown = Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
        if (dates.size >= DATE_CACHE_SIZE) dates.clear();
        dates.set(iso, shown);
      }
      return shown;
    },
    time(d) {
      return timeFormat.format(d);
    },
    evidenceValue(v) {
      if (v === null) return getString("Value_Empty");
      if (typeof v === "string") return v;
      if ("unknown" in v) return getString("Value_Unknown");
      if ("flag" in v) return getString(v.flag ? "Value_Yes" : "Value_No");
      if ("date" in v) return l.date(v.date);
      const key = `Option_${v.option}_${v.value}`;
      const label = getString(key);
      return `${v.value} (${label === key ? getString("Value_UnknownOption") : label})`;
    },
    url(url) {
      return learnUrl(url, learnLocale);
    },
  };
  return l;
}
