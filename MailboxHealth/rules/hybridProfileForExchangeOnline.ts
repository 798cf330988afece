import type { Rule } from "./rule";
import { hasExchangeOnlineEvidence, hostOf, profileLocations } from "./facts";
import { learnLink, link, recordUrl } from "./links";
import { alertEvidence, beforeChange, defineRule, errorOf, ev, msg, unreadable } from "./finding";


/** Cause 2: an "Exchange Server (Hybrid)" profile used for a mailbox that lives in Exchange Online. */
export const hybridProfileForExchangeOnline: Rule = defineRule("hybrid-profile-for-exchange-online", 2, (s, f, find) => {
  if (f.online === false) return find("not-applicable", "NotApplicable_OnPremisesOrg");
  if (f.profileKind === null) return find("not-applicable", "NotApplicable_NoProfile");
  if (f.profileKind === undefined || !f.profile) {
    return unreadable(find, "profile", errorOf(s.profile));
  }
  const profile = f.profile;
  const typeEvidence = ev("emailserverprofile.servertype", profile.serverType, "servertype");
  const kindBasis = f.basis.profileKind;
  if (f.profileKind === "exchange-online") {
    return find("ok", "HybridProfile_OkExchangeOnline", { evidence: [typeEvidence], restsOn: kindBasis });
  }
  if (f.profileKind !== "exchange-server-hybrid") {
    return find("not-applicable", "NotApplicable_NotHybridProfile", { evidence: [typeEvidence], restsOn: kindBasis });
  }
  if (f.online === undefined) return unreadable(find, "tenant", errorOf(s.tenant), { evidence: [typeEvidence] });

  const profileLink = link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id));
  const fixLinks = [...profileLink, ...learnLink("ExchangeOnlineProfile")];
  const { ewsUrl: ewsOnline, location: exoLocation, alert: alertNamingExo } = f.exchangeOnline;
  const fix = ["HybridProfile_Fix_CreateExchangeOnlineProfile", "HybridProfile_Fix_AssignProfile", "Fix_TestEnable"];
  if (hasExchangeOnlineEvidence(f.exchangeOnline)) {
    const evidence = [typeEvidence];
    if (ewsOnline) evidence.push(ev("mailbox.ewsurl", s.mailbox.ewsUrl));
    if (exoLocation) evidence.push(ev("emailserverprofile.incomingserverlocation", exoLocation));
    if (alertNamingExo) evidence.push(...alertEvidence(alertNamingExo));
    return find("problem", "HybridProfile_ProblemMailboxInExchangeOnline", { evidence, fix, links: fixLinks });
  }
  if (!f.alerts) return unreadable(find, "alerts", errorOf(s.alerts), { evidence: [typeEvidence] });
  const first401 = f.fresh401[0];
  if (first401) {
    return find("warning", "HybridProfile_Warning401", {
      evidence: [typeEvidence, ...alertEvidence(first401)],
      fix: ["HybridProfile_Fix_ConfirmOnPremises", ...fix],
      links: [...fixLinks, ...learnLink("ExchangeOnPremises")],
      restsOn: f.basis.exchangeOnline,
    });
  }
  const stale = beforeChange(find, "unverified", f, { evidence: [typeEvidence], fix: [], links: fixLinks });
  if (stale) return stale;
  const host = hostOf(profileLocations(profile)[0] ?? s.mailbox.ewsUrl);
  const evidence = [typeEvidence, ev("emailserverprofile.incomingserverlocation", profile.incomingLocation)];
  // No server location and no EWS URL: nothing says the mailbox is on-premises.
  if (!host) return find("unverified", "HybridProfile_UnverifiedNoHost", { evidence: [...evidence, ev("mailbox.ewsurl", s.mailbox.ewsUrl)], fix: ["HybridProfile_Fix_ConfirmOnPremises"], links: fixLinks });
  return find("ok", msg("HybridProfile_OkOnPremises", { host }), { evidence, restsOn: [...kindBasis, ...f.basis.exchangeOnline] });
});
