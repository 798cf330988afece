import type { Rule } from "./rule";
import { alertMentions, hostOf, isExchangeOnlineHost, profileLocations } from "./facts";
import { Learn, link, recordUrl } from "./links";
import { alertEvidence, errorOf, ev, makeFinding, msg, unreadable } from "./finding";

const ID = "hybrid-profile-for-exchange-online";
const CAUSE = 2;
const EXCHANGE_ONLINE_IN_TEXT =
  /outlook\.office365\.com|outlook\.office\.com|smtp\.office365\.com|outlook\.office365\.us|webmail\.apps\.mil|partner\.outlook\.cn|[a-z0-9-]+\.outlook\.com/i;

/** Cause 2: an "Exchange Server (Hybrid)" profile used for a mailbox that lives in Exchange Online. */
export const hybridProfileForExchangeOnline: Rule = {
  id: ID,
  cause: CAUSE,
  evaluate(s, f) {
    if (f.online === false) return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_OnPremisesOrg"));
    if (f.profileKind === null) return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_NoProfile"));
    if (f.profileKind === undefined || !f.profile) {
      return unreadable(ID, CAUSE, "profile", errorOf(s.profile));
    }
    const profile = f.profile;
    const typeEvidence = ev("emailserverprofile.servertype", profile.serverType, "servertype");
    if (f.profileKind === "exchange-online") {
      return makeFinding(ID, CAUSE, "ok", msg("HybridProfile_OkExchangeOnline"), { evidence: [typeEvidence] });
    }
    if (f.profileKind !== "exchange-server-hybrid") {
      return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_NotHybridProfile"), { evidence: [typeEvidence] });
    }
    if (f.online === undefined) return unreadable(ID, CAUSE, "tenant", errorOf(s.tenant), { evidence: [typeEvidence] });

    const profileLink = link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id));
    const fixLinks = [...profileLink, ...link("Link_Learn_ExchangeOnlineProfile", Learn.exchangeOnlineProfile)];
    const exoLocation = profileLocations(profile).find((l) => isExchangeOnlineHost(hostOf(l)));
    const ewsOnline = isExchangeOnlineHost(hostOf(s.mailbox.ewsUrl));
    const alertNamingExo = f.alerts?.find((a) => alertMentions(a, EXCHANGE_ONLINE_IN_TEXT));
    const fix = ["HybridProfile_Fix_CreateExchangeOnlineProfile", "HybridProfile_Fix_AssignProfile", "Fix_TestEnable"];
    if (ewsOnline || exoLocation || alertNamingExo) {
      const evidence = [typeEvidence];
      if (ewsOnline) evidence.push(ev("mailbox.ewsurl", s.mailbox.ewsUrl));
      if (exoLocation) evidence.push(ev("emailserverprofile.incomingserverlocation", exoLocation));
      if (alertNamingExo) evidence.push(...alertEvidence(alertNamingExo));
      return makeFinding(ID, CAUSE, "problem", msg("HybridProfile_ProblemMailboxInExchangeOnline"), { evidence, fix, links: fixLinks });
    }
    if (!f.alerts) return unreadable(ID, CAUSE, "alerts", errorOf(s.alerts), { evidence: [typeEvidence] });
    if (f.alerts401 && f.alerts401.length > 0) {
      return makeFinding(ID, CAUSE, "warning", msg("HybridProfile_Warning401"), {
        evidence: [typeEvidence, ...alertEvidence(f.alerts401[0])],
        fix: ["HybridProfile_Fix_ConfirmOnPremises", ...fix],
        links: [...fixLinks, ...link("Link_Learn_ExchangeOnPremises", Learn.exchangeOnPremises)],
      });
    }
    const host = hostOf(profileLocations(profile)[0] ?? s.mailbox.ewsUrl);
    return makeFinding(ID, CAUSE, "ok", msg("HybridProfile_OkOnPremises", { host: host ?? "—" }), {
      evidence: [typeEvidence, ev("emailserverprofile.incomingserverlocation", profile.incomingLocation)],
    });
  },
};
