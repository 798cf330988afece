/* eslint-disable @typescript-eslint/prefer-optional-chain -- `?.` is rewritten into longer code for Safari 13; where `&&` stands in, it reads the same. */
import type { Rule } from "./rule";
import { findAlert } from "./facts";
import { AzureState } from "../model/options";
import { AdminCenter, learnLink, link } from "./links";
import { alertEvidence, defineRule, errorOf, ev, outsideUserOnExchangeOnline, unreadable } from "./finding";

const RECREATED = /NoUserFoundWithGivenClaims|User does not exist in tenant/i;

/** Cause 6: the user was deleted and re-created with the same address; Exchange still knows the old one. */
export const recreatedUser: Rule = defineRule("recreated-user", 6, (s, f, find) => {
  const outOfScope = outsideUserOnExchangeOnline(find, s, f);
  if (outOfScope) return outOfScope;
  const fix = ["Recreated_Fix_DeleteOldUser", "Recreated_Fix_Wait", "Fix_TestEnable"];
  const links = [
    ...link("Link_M365DeletedUsers", AdminCenter.m365DeletedUsers),
    ...learnLink("RestoreUser"),
  ];
  const alert = findAlert(f, RECREATED);
  if (alert) {
    return find("problem", "Recreated_ProblemAlert", { evidence: alertEvidence(alert), fix, links });
  }
  if (!s.owner.ok) return unreadable(find, "owner", s.owner.error);
  const owner = s.owner.value;
  const user = owner && owner.table === "systemuser" ? owner : undefined;
  if (user && (user.azureState === AzureState.SoftDeleted || user.azureState === AzureState.NotFound)) {
    return find("problem", "Recreated_ProblemAzureState", {
      evidence: [ev("systemuser.azurestate", user.azureState, "azurestate")],
      fix,
      links,
    });
  }
  if (!f.alerts) return unreadable(find, "alerts", errorOf(s.alerts));
  // No owner: no azurestate to rest on. owner-state gives the step ("check the owner"): not repeated here.
  if (!user) return find("unverified", "Recreated_UnverifiedNoOwner", { evidence: [ev("mailbox._regardingobjectid_value", s.mailbox.ownerId)] });
  const evidence = [ev("systemuser.azurestate", user.azureState, "azurestate")];
  // Empty (as for the users of Dynamics 365 on-premises): nothing says the user still exists in Entra ID.
  if (user.azureState === null) return find("unverified", "Recreated_UnverifiedAzureStateEmpty", { evidence, fix: ["Recreated_Fix_CheckDeletedUsers"], links });
  return find("ok", "Recreated_Ok", { evidence, restsOn: [...evidence, ...f.basis.alerts] });
});
