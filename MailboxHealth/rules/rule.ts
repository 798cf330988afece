import type { Cause, Finding, RuleId } from "../model/finding";
import type { MailboxSnapshot } from "../model/snapshot";
import type { DerivedFacts } from "./facts";
import { makeFinding, msg, restOn } from "./finding";

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
  return {
    id: rule.id,
    cause: rule.cause,
    evaluate(s, f) {
      if (!!f.sssDirections && f.sssDirections.length === 0) {
        return makeFinding(rule.id, rule.cause, "not-applicable", msg("NotApplicable_NoServerSideSync"), { evidence: f.basis.sss });
      }
      return restOn(rule.evaluate(s, f), f.basis.sss);
    },
  };
}
