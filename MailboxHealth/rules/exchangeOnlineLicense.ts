import type { Rule } from "./rule";
import { alertMentions } from "./facts";
import { AdminCenter, Learn, link } from "./links";
import { alertEvidence, errorOf, ev, makeFinding, msg, outsideUserOnExchangeOnline, unreadable } from "./finding";

const ID = "exchange-online-license";
const CAUSE = 3;
/** Error codes and tokens that say the mailbox has no Exchange Online licence (KB 8005E274, 8005E276). */
const LICENCE_EVIDENCE = /8005E274|8005E276|-2147097996|-2147097994|MailboxNotEnabledForRESTAPI|ErrorInvalidLicense/i;

/** Cause 3: the owner has no Exchange Online licence. Not visible in Dataverse except through alerts. */
export const exchangeOnlineLicense: Rule = {
  id: ID,
  cause: CAUSE,
  evaluate(s, f) {
    const outOfScope = outsideUserOnExchangeOnline(ID, CAUSE, s, f);
    if (outOfScope) return outOfScope;
    if (!f.alerts) return unreadable(ID, CAUSE, "alerts", errorOf(s.alerts));
    const user = s.owner.ok && s.owner.value?.table === "systemuser" ? s.owner.value : undefined;
    const licences = link("Link_M365Users", AdminCenter.m365Users);
    const learn = link("Link_Learn_InvalidLicense", Learn.invalidLicense);
    const evidenceAlert = f.alerts.find((a) => alertMentions(a, LICENCE_EVIDENCE));
    if (evidenceAlert) {
      return makeFinding(ID, CAUSE, "problem", msg("License_Problem"), {
        evidence: alertEvidence(evidenceAlert),
        fix: ["License_Fix_Assign", "License_Fix_Wait", "Fix_TestEnable"],
        links: [...licences, ...learn],
      });
    }
    if (f.lastTestSucceeded && f.alerts401?.length === 0) {
      return makeFinding(ID, CAUSE, "ok", msg("License_OkMailFlows"), {
        evidence: [ev("mailbox.testmailboxaccesscompletedon", s.mailbox.testCompletedOn)],
      });
    }
    const evidence = user ? [ev("systemuser.azureactivedirectoryobjectid", user.entraObjectId)] : [];
    return makeFinding(ID, CAUSE, "unverified", msg("License_Unverified"), {
      evidence,
      fix: ["License_Fix_Check"],
      links: [...licences, ...learn],
    });
  },
};
