import { renameSync, rmSync, writeFileSync } from "fs";
import type { ScanArgs } from "../args";
import type { CredentialFactory, SignInMethod } from "../auth/tokenSource";
import { signIn } from "../auth/tokenSource";
import { eachDiagnosis, mailboxIdsOf, selectMailboxes } from "../diagnoseDump";
import { oneLine } from "../dump";
import { CliError } from "../errors";
import type { Io } from "../main";
import { PROGRAM, deliver } from "../main";
import { localizerFor } from "../strings";
import type { ReaderOptions } from "./http";
import { DataverseReader, ScanFatalError } from "./http";
import { alertsSinceDate } from "./orgUrl";
import { Progress } from "./progress";
import type { ScannedOrg } from "./readOrg";
import { readOrg } from "./readOrg";
import { unreadableTablesOf } from "../unreadableTables";

/**
 * `mailbox-health scan <org URL>`: sign in, read the org into an org dump, optionally save it, and
 * diagnose it exactly as `diagnose` diagnoses a dump file (docs/cli.md).
 */

/** What tests replace at the boundaries: the HTTP client, the identity library, the reader's timings. */
export interface ScanDeps {
  fetch?: typeof fetch;
  credentials?: CredentialFactory;
  reader?: Partial<Pick<ReaderOptions, "backoffMs" | "maxAttempts" | "maxInFlight" | "pageSize" | "timeoutMs">>;
  /** Someone is at the terminal (device-code sign-in possible). Default: stdin and stderr are terminals. */
  interactive?: boolean;
}

const SIGNED_IN: Record<SignInMethod, string> = {
  "token-variable": "Cli_SignedIn_TokenVariable",
  "azure-cli": "Cli_SignedIn_AzureCli",
  "device-code": "Cli_SignedIn_DeviceCode",
  environment: "Cli_SignedIn_Environment",
};

const FATAL_KEYS: Record<ScanFatalError["kind"], string> = {
  auth: "Cli_Error_Scan_Unauthorized",
  unreachable: "Cli_Error_Scan_Unreachable",
  tls: "Cli_Error_Scan_Tls",
  "no-org": "Cli_Error_Scan_NoOrg",
  timeout: "Cli_Error_Scan_Unreachable",
};

/** Writes the dump next to its final name, then renames it: a failed run leaves no half file. */
function saveDump(dump: ScannedOrg["dump"] & { readAt: string }, file: string): void {
  const temporary = `${file}.${process.pid}.part`;
  try {
    writeFileSync(temporary, JSON.stringify(dump, null, 1) + "\n", { mode: 0o600 });
    renameSync(temporary, file);
  } catch (e) {
    rmSync(temporary, { force: true });
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError("Cli_Error_Scan_SaveDump", { file, reason: code ?? oneLine(e instanceof Error ? e.message : String(e)) });
  }
}

export async function scan(args: ScanArgs, io: Io, deps: ScanDeps = {}): Promise<number> {
  const l = localizerFor(args.lang);
  const stderr = io.stderr;
  const progress = new Progress(stderr, !args.quiet && !!stderr.isTTY, l);
  const interactive = deps.interactive ?? (!!process.stdin.isTTY && !!stderr.isTTY);
  const host = new URL(args.url).host;

  const source = await signIn(args.auth, args.url, {
    env: io.env,
    interactive,
    // The device code's instructions are for the person at the terminal: shown even with --quiet.
    prompt: (message) => {
      progress.clear();
      stderr.write(`${message}\n`);
    },
    credentials: deps.credentials,
  });
  progress.note(l.text(SIGNED_IN[source.method], { host }));

  // When the org was read: saved in the dump, and the moment the checks are judged at unless --now says otherwise.
  const readAt = new Date();
  const now = args.now ?? readAt;
  const started = Date.now();
  const reader = new DataverseReader({
    origin: args.url,
    token: () => source.getToken(),
    fetch: deps.fetch,
    onProgress: progress.event,
    ...deps.reader,
  });
  let scanned: ScannedOrg;
  try {
    scanned = await readOrg(reader, alertsSinceDate(args.alertsSince, now));
  } catch (e) {
    progress.clear();
    if (e instanceof ScanFatalError) throw new CliError(FATAL_KEYS[e.kind], { host });
    throw e;
  }
  progress.clear();

  const mailboxes = scanned.tables.find((t) => t.target === "mailboxes");
  if (mailboxes?.error) throw new CliError("Cli_Error_Scan_Mailboxes", { host, reason: mailboxes.error });
  for (const t of scanned.tables) {
    if (t.error) stderr.write(`${PROGRAM}: ${l.text("Cli_Warning_TableUnreadable", { table: t.target, reason: t.error })}\n`);
  }
  if (progress.enabled) {
    const format = new Intl.NumberFormat(l.locale);
    const read = scanned.tables
      .filter((t) => !t.error)
      .map((t) => l.text("Cli_Scan_TableRead", { table: t.target, rows: format.format(t.rows), pages: format.format(t.pages) }))
      .join(" · ");
    stderr.write(
      l.text("Cli_Scan_Summary", {
        requests: format.format(reader.requests),
        seconds: format.format(Math.round((Date.now() - started) / 100) / 10),
        tables: read,
      }) + "\n",
    );
  }
  if (args.saveDump) saveDump({ readAt: readAt.toISOString(), ...scanned.dump }, args.saveDump);

  // From here on, exactly what `diagnose` does with a dump file.
  const options = { now, select: args.mailboxes, shownAs: args.url };
  // An unknown --mailbox is refused before any output.
  selectMailboxes(scanned.dump, mailboxIdsOf(scanned.dump), args.mailboxes, args.url);
  const job = {
    diagnoses: () => eachDiagnosis(scanned.dump, options),
    format: args.format,
    localizer: l,
    language: args.lang,
    source: { kind: "org" as const, name: args.url, readAt, unreadable: unreadableTablesOf(scanned.dump) },
    now,
    only: args.only,
  };
  return deliver(job, args.output, args.saveDump ? [args.saveDump] : [], io);
}
