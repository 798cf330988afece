import type { Cause, Finding, RuleId } from "../model/finding";
import type { MailboxSnapshot } from "../model/snapshot";
import type { DerivedFacts } from "./facts";
import { defineRule, restOn } from "./finding";

/** One check: a pure function of the snapshot and the facts derived from it. */
export interface Rule {
  id: RuleId;
  cause: Cause;
  evaluate(snapshot: MailboxSnapshot, facts: DerivedFacts): Finding;
}

/**
 * A cause of the 401 only concerns a mailbox that server-side sync serves: `not-applicable` when no
 * direction uses it, and every other conclusion rests on the three delivery methods.
 */
export function causeRule(rule: Rule): Rule {
  return defineRule(rule.id, rule.cause, (s, f, find) =>
    !!f.sssDirections && f.sssDirections.length === 0
      ? find("not-applicable", "NotApplicable_NoServerSideSync", { evidence: f.basis.sss })
      : restOn(rule.evaluate(s, f), f.basis.sss),
  );
}
