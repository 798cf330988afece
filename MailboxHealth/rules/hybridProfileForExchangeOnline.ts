import type { Rule } from "./rule";
import { hasExchangeOnlineEvidence, hostOf, locationBasis } from "./facts";
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
  const exchangeOnline = f.exchangeOnline;
  const fix = ["HybridProfile_Fix_CreateExchangeOnlineProfile", "HybridProfile_Fix_AssignProfile", "Fix_TestEnable"];
  if (hasExchangeOnlineEvidence(exchangeOnline)) {
    const evidence = [typeEvidence];
    if (exchangeOnline.ewsUrl) evidence.push(ev("mailbox.ewsurl", s.mailbox.ewsUrl));
    // The location under its own column: incoming, outgoing or default.
    const at = locationBasis(profile).find((e) => e.value === exchangeOnline.location);
    if (at) evidence.push(at);
    if (exchangeOnline.alert) evidence.push(...alertEvidence(exchangeOnline.alert));
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
  // Where the mailbox is: the profile's first server location, else the mailbox's EWS URL, shown under its column.
  const where = [...locationBasis(profile), ev("mailbox.ewsurl", s.mailbox.ewsUrl)].find((e) => typeof e.value === "string" && e.value.trim() !== "");
  const host = where && hostOf(where.value as string);
  // No server location and no EWS URL: nothing says the mailbox is on-premises.
  if (!host) {
    return find("unverified", "HybridProfile_UnverifiedNoHost", {
      evidence: [typeEvidence, ...(where ? [where] : [ev("emailserverprofile.incomingserverlocation", profile.incomingLocation), ev("mailbox.ewsurl", s.mailbox.ewsUrl)])],
      fix: ["HybridProfile_Fix_ConfirmOnPremises"],
      links: fixLinks,
    });
  }
  const onPremises = where.field === "mailbox.ewsurl" ? "HybridProfile_OkOnPremisesEwsUrl" : "HybridProfile_OkOnPremises";
  // The kind rests on the server type alone, read here: the ok rests on what could place the mailbox in Exchange Online.
  return find("ok", msg(onPremises, { host }), { evidence: [typeEvidence, where], restsOn: f.basis.exchangeOnline });
});
