import type { Cause, Finding, RuleId } from "../model/finding";
import type { MailboxSnapshot } from "../model/snapshot";
import type { DerivedFacts } from "./facts";

/** One check: a pure function of the snapshot and the facts derived from it. */
export interface Rule {
  id: RuleId;
  cause: Cause;
  evaluate(snapshot: MailboxSnapshot, facts: DerivedFacts): Finding;
}
