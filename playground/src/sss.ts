import { diagnoseMailbox } from "../../MailboxHealth/diagnosis/diagnose";
import type { Finding, RuleId } from "../../MailboxHealth/model/finding";
import type { Part } from "../../MailboxHealth/model/snapshot";
import { okPart } from "../../MailboxHealth/model/snapshot";
import { runRules } from "../../MailboxHealth/rules";
import type { Row } from "../../MailboxHealth/data/webApiClient";
import { CLIENT_URL } from "./network";
import type { DemoOrg } from "./org";

/**
 * Server-side synchronization, as far as the demo needs it: a mailbox whose `testemailconfigurationscheduled`
 * is set is tested after a delay, and the outcome is computed from the mailbox's data as it is then, by the
 * same rules the control runs, as if nothing had changed since the last alert (the server tests the setup, not
 * the alerts' age). No cause left: every SSS direction Success (DemoOrg.testAndEnable). A cause
 * left: every SSS direction Failure, the flag cleared, the completion time set, and a new alert naming it.
 */

export const DEFAULT_SSS_DELAY_SECONDS = 5;

/** The rules whose problem makes the server's test fail, and how the demo's alert names them. */
const FAILS_THE_TEST: Partial<Record<RuleId, string>> = {
  "address-mismatch": "the mailbox's email address is not the address of its owner",
  "hybrid-profile-for-exchange-online": "the Exchange Server (Hybrid) profile cannot reach an Exchange Online mailbox",
  "exchange-online-license": "ErrorInvalidLicense: the user has no Exchange Online licence",
  "tenant-mismatch": "no user was found in the Microsoft 365 tenant of the email server profile",
  "ews-basic-auth": "Basic authentication to Exchange Web Services was refused",
  "recreated-user": "NoUserFoundWithGivenClaims: User does not exist in tenant",
  "exchange-online-basic-auth": "Exchange Online refused Basic authentication",
  "email-approval": "Email addresses must be approved before email can be processed",
  "owner-state": "the owner of the mailbox is disabled or lacks privileges",
};

const LINE_401 = "Email Server Error Code: Http server returned 401 Unauthorized exception.";

export interface PendingTest {
  mailboxId: string;
  dueAt: number;
}

export class ServerSideSync {
  /** Seconds from the request to the test's result. */
  delaySeconds = DEFAULT_SSS_DELAY_SECONDS;
  private readonly timers = new Map<string, number>();
  readonly pending: PendingTest[] = [];

  constructor(
    private readonly org: DemoOrg,
    private readonly changed: () => void,
  ) {}

  /** A write to a mailbox set the test flag: the server will run the test. */
  schedule(mailboxId: string): void {
    if (this.timers.has(mailboxId)) return;
    const dueAt = performance.now() + this.delaySeconds * 1000;
    this.pending.push({ mailboxId, dueAt });
    this.timers.set(
      mailboxId,
      window.setTimeout(() => void this.run(mailboxId), this.delaySeconds * 1000),
    );
  }

  /** Forget every scheduled test (the org was reset). */
  clear(): void {
    for (const timer of this.timers.values()) window.clearTimeout(timer);
    this.timers.clear();
    this.pending.length = 0;
  }

  private async run(mailboxId: string): Promise<void> {
    this.timers.delete(mailboxId);
    const index = this.pending.findIndex((p) => p.mailboxId === mailboxId);
    if (index >= 0) this.pending.splice(index, 1);
    const mailbox = this.org.mailbox(mailboxId);
    if (!mailbox || mailbox.testemailconfigurationscheduled !== true) return;
    const now = new Date();
    const { snapshot } = await diagnoseMailbox(this.org.client, mailboxId, { now: () => now, clientUrl: CLIENT_URL });
    // The server tests the setup as it is now: a change after the last alert does not make a cause go away.
    const setup = {
      ...snapshot,
      mailbox: { ...snapshot.mailbox, modifiedOn: undefined },
      profile: unchanged(snapshot.profile),
      owner: unchanged(snapshot.owner),
    };
    const failing = runRules(setup).filter((f: Finding) => f.status === "problem" && FAILS_THE_TEST[f.rule]);
    if (failing.length === 0) this.org.testAndEnable(mailboxId, now);
    else this.org.testFailed(mailboxId, now, failureText(mailbox, failing));
    this.changed();
  }
}

function unchanged<T extends { modifiedOn: unknown }>(part: Part<T | null>): Part<T | null> {
  return part.ok && part.value ? okPart({ ...part.value, modifiedOn: undefined }) : part;
}

function failureText(mailbox: Row, failing: Finding[]): string {
  const name = typeof mailbox.name === "string" ? mailbox.name : "";
  const reasons = failing.map((f) => FAILS_THE_TEST[f.rule]).join("; ");
  return `Test & Enable failed for the mailbox ${name}: ${reasons}. ${LINE_401}`;
}
