import type { Rule } from "./rule";
import { alertMentions } from "./facts";
import { AzureState } from "../model/options";
import { AdminCenter, Learn, link } from "./links";
import { alertEvidence, errorOf, ev, makeFinding, msg, outsideUserOnExchangeOnline, unreadable } from "./finding";

const ID = "recreated-user";
const CAUSE = 6;
const RECREATED = /NoUserFoundWithGivenClaims|User does not exist in tenant/i;

/** Cause 6: the user was deleted and re-created with the same address; Exchange still knows the old one. */
export const recreatedUser: Rule = {
  id: ID,
  cause: CAUSE,
  evaluate(s, f) {
    const outOfScope = outsideUserOnExchangeOnline(ID, CAUSE, s, f);
    if (outOfScope) return outOfScope;
    const fix = ["Recreated_Fix_DeleteOldUser", "Recreated_Fix_Wait", "Fix_TestEnable"];
    const links = [
      ...link("Link_M365DeletedUsers", AdminCenter.m365DeletedUsers),
      ...link("Link_Learn_RestoreUser", Learn.restoreUser),
    ];
    const alert = f.alerts?.find((a) => alertMentions(a, RECREATED));
    if (alert) {
      return makeFinding(ID, CAUSE, "problem", msg("Recreated_ProblemAlert"), { evidence: alertEvidence(alert), fix, links });
    }
    if (!s.owner.ok) return unreadable(ID, CAUSE, "owner", errorOf(s.owner));
    const user = s.owner.value?.table === "systemuser" ? s.owner.value : undefined;
    if (user && (user.azureState === AzureState.SoftDeleted || user.azureState === AzureState.NotFound)) {
      return makeFinding(ID, CAUSE, "problem", msg("Recreated_ProblemAzureState"), {
        evidence: [ev("systemuser.azurestate", user.azureState, "azurestate")],
        fix,
        links,
      });
    }
    if (!f.alerts) return unreadable(ID, CAUSE, "alerts", errorOf(s.alerts));
    const evidence = user ? [ev("systemuser.azurestate", user.azureState, "azurestate")] : [];
    return makeFinding(ID, CAUSE, "ok", msg("Recreated_Ok"), { evidence, restsOn: [...evidence, ...f.basis.alerts] });
  },
};
