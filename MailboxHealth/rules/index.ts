import type { Finding } from "../model/finding";
import type { MailboxSnapshot } from "../model/snapshot";
import type { Rule } from "./rule";
import { causeRule } from "./rule";
import { deriveFacts } from "./facts";
import type { DerivedFacts } from "./facts";
import { addressMismatch } from "./addressMismatch";
import { hybridProfileForExchangeOnline } from "./hybridProfileForExchangeOnline";
import { exchangeOnlineLicense } from "./exchangeOnlineLicense";
import { tenantMismatch } from "./tenantMismatch";
import { ewsBasicAuth } from "./ewsBasicAuth";
import { recreatedUser } from "./recreatedUser";
import { exchangeOnlineBasicAuth } from "./exchangeOnlineBasicAuth";
import { emailApproval } from "./emailApproval";
import { ownerState } from "./ownerState";
import { mailboxState } from "./mailboxState";
import { processingSchedule } from "./processingSchedule";

/** Every check, in the order of Microsoft's article (causes 1–6), then the others. */
export const RULES: readonly Rule[] = [
  ...[addressMismatch, hybridProfileForExchangeOnline, exchangeOnlineLicense, tenantMismatch, ewsBasicAuth, recreatedUser, exchangeOnlineBasicAuth].map(
    causeRule,
  ),
  emailApproval,
  ownerState,
  mailboxState,
  processingSchedule,
];

/** One finding per rule. Pure: same snapshot, same findings. */
export function runRules(snapshot: MailboxSnapshot, facts: DerivedFacts = deriveFacts(snapshot)): Finding[] {
  return RULES.map((rule) => rule.evaluate(snapshot, facts));
}
