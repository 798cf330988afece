import { resolve } from "path";
import { parseIsoInstant } from "../MailboxHealth/data/isoDate";
import { CliError } from "./errors";
import type { AuthMethod } from "./auth/tokenSource";
import { AUTH_METHODS } from "./auth/tokenSource";
import type { AlertsSince } from "./scan/orgUrl";
import { DEFAULT_ALERTS_SINCE, parseOrgUrl } from "./scan/orgUrl";
import type { Language } from "./strings";
import { isLanguage } from "./strings";

export const FORMATS = ["table", "json", "markdown"] as const;
export type Format = (typeof FORMATS)[number];

/** `--only problems|warnings|unverified` (comma-separated or repeated): the statuses that need work. */
export const ONLY = { problems: "problem", warnings: "warning", unverified: "unverified" } as const;
export type OnlyStatus = (typeof ONLY)[keyof typeof ONLY];

export function parseOnly(value: string, into: OnlyStatus[]): void {
  for (const word of value.split(",")) {
    const status = Object.prototype.hasOwnProperty.call(ONLY, word.trim()) ? ONLY[word.trim() as keyof typeof ONLY] : undefined;
    if (!status) throw new CliError("Cli_Error_BadOnly", { value });
    if (!into.includes(status)) into.push(status);
  }
}

export interface DiagnoseArgs {
  command: "diagnose";
  /** The dump file as given, or null with --demo. */
  file: string | null;
  demo: boolean;
  /** Mailbox ids or addresses; empty = every mailbox. */
  mailboxes: string[];
  format: Format;
  lang: Language;
  /** --now, or null: when the dump was read (its `readAt`), else the current time. */
  now: Date | null;
  /** `--only`: list only the mailboxes with a finding of one of these statuses; empty = every mailbox. */
  only: OnlyStatus[];
  /** `--output`: the file to write the report to, instead of stdout. */
  output: string | null;
}

/** `scan <org URL>`: the same options as diagnose (no --demo), and how to sign in and what to save. */
export interface ScanArgs extends Omit<DiagnoseArgs, "command" | "file" | "demo"> {
  command: "scan";
  /** The org's origin, checked (orgUrl.ts). */
  url: string;
  auth: AuthMethod;
  saveDump: string | null;
  alertsSince: AlertsSince;
  quiet: boolean;
}

export type Args = { command: "help"; lang: Language } | { command: "version"; lang: Language } | DiagnoseArgs | ScanArgs;

/** `--alerts-since`: a number of days (`30d`), an ISO date, or `all`. */
export function parseAlertsSince(value: string): AlertsSince {
  if (value === "all") return "all";
  const days = /^(\d{1,5})d$/.exec(value);
  if (days) return { days: Number(days[1]) };
  const date = parseIsoInstant(value);
  if (!date) throw new CliError("Cli_Error_BadAlertsSince", { value });
  return { date };
}

const SCAN_ONLY = ["--auth", "--save-dump", "--alerts-since", "--quiet"];

/**
 * A date such as 2026-11-20, 2026-11-20T09:00:00Z or 2026-11-20T10:00:00+01:00. Without a zone it is
 * UTC, as the dates in a dump are, so the result does not depend on the machine's time zone.
 */
export function parseNow(value: string): Date {
  const date = parseIsoInstant(value);
  if (!date) throw new CliError("Cli_Error_BadNow", { value });
  return date;
}

const VALUE_OPTIONS = ["--mailbox", "--format", "--lang", "--now", "--only", "--output", "--auth", "--save-dump", "--alerts-since"] as const;

/**
 * The language to report errors in: the value of a valid --lang anywhere on the line, else English.
 * Read before the full parse so that the parse's own errors are in that language.
 */
export function languageOf(argv: readonly string[]): Language {
  let language: Language = "en";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--") break;
    const value = argv[i] === "--lang" ? argv[i + 1] : argv[i].startsWith("--lang=") ? argv[i].slice(7) : undefined;
    if (value !== undefined && isLanguage(value)) language = value;
  }
  return language;
}

export function parseArgs(argv: readonly string[]): Args {
  let lang = languageOf(argv);
  const positional: string[] = [];
  let help = false;
  let version = false;
  let demo = false;
  let format: Format = "table";
  let now: Date | null = null;
  const mailboxes: string[] = [];
  let auth: AuthMethod = "default";
  let saveDump: string | null = null;
  let alertsSince: AlertsSince = DEFAULT_ALERTS_SINCE;
  let quiet = false;
  const only: OnlyStatus[] = [];
  let output: string | null = null;
  const scanOnly: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h" || arg === "--help") {
      help = true;
      continue;
    }
    if (arg === "-V" || arg === "--version") {
      version = true;
      continue;
    }
    if (arg === "--demo") {
      demo = true;
      continue;
    }
    if (arg === "--quiet" || arg === "-q") {
      quiet = true;
      scanOnly.push("--quiet");
      continue;
    }
    if (arg.startsWith("-") && arg !== "-") {
      const eq = arg.indexOf("=");
      const name = eq > 0 ? arg.slice(0, eq) : arg;
      if (!(VALUE_OPTIONS as readonly string[]).includes(name)) throw new CliError("Cli_Error_UnknownOption", { option: name });
      let value: string;
      if (eq > 0) value = arg.slice(eq + 1);
      else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith("--") && next.length > 2)) throw new CliError("Cli_Error_MissingValue", { option: name });
        value = next;
        i++;
      }
      switch (name) {
        case "--mailbox":
          if (!value.trim()) throw new CliError("Cli_Error_MissingValue", { option: name });
          mailboxes.push(value.trim());
          break;
        case "--format":
          if (!(FORMATS as readonly string[]).includes(value)) throw new CliError("Cli_Error_BadFormat", { value });
          format = value as Format;
          break;
        case "--lang":
          if (!isLanguage(value)) throw new CliError("Cli_Error_BadLang", { value });
          lang = value;
          break;
        case "--now":
          now = parseNow(value);
          break;
        case "--only":
          parseOnly(value, only);
          break;
        case "--output":
          if (!value.trim()) throw new CliError("Cli_Error_MissingValue", { option: name });
          output = value;
          break;
        case "--auth":
          if (!(AUTH_METHODS as readonly string[]).includes(value)) throw new CliError("Cli_Error_BadAuth", { value });
          auth = value as AuthMethod;
          break;
        case "--save-dump":
          if (!value.trim()) throw new CliError("Cli_Error_MissingValue", { option: name });
          saveDump = value;
          break;
        case "--alerts-since":
          alertsSince = parseAlertsSince(value);
          break;
      }
      if (SCAN_ONLY.includes(name)) scanOnly.push(name);
      continue;
    }
    positional.push(arg);
  }

  if (help) return { command: "help", lang };
  if (version) return { command: "version", lang };
  const [command, ...rest] = positional;
  if (command === undefined) throw new CliError("Cli_Error_MissingCommand");
  if (command === "help") return { command: "help", lang };
  if (command === "scan") {
    if (demo) throw new CliError("Cli_Error_ScanDemo");
    if (rest.length === 0) throw new CliError("Cli_Error_Scan_NoUrl");
    if (rest.length > 1) throw new CliError("Cli_Error_Scan_ExtraArgument");
    if (output !== null && saveDump !== null && resolve(output) === resolve(saveDump)) throw new CliError("Cli_Error_OutputIsDump", { file: output });
    return { command: "scan", url: parseOrgUrl(rest[0]), mailboxes, format, lang, now, only, output, auth, saveDump, alertsSince, quiet };
  }
  if (scanOnly.length) throw new CliError("Cli_Error_ScanOnlyOption", { option: scanOnly[0] });
  if (command !== "diagnose") throw new CliError("Cli_Error_UnknownCommand", { command });
  if (rest.length > 1) throw new CliError("Cli_Error_ExtraArgument", { value: rest[1] });
  const file = rest[0] ?? null;
  if (file !== null && demo) throw new CliError("Cli_Error_DumpAndDemo");
  if (file === null && !demo) throw new CliError("Cli_Error_NoDump");
  return { command: "diagnose", file, demo, mailboxes, format, lang, now, only, output };
}
