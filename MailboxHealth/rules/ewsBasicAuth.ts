import type { Rule } from "./rule";
import { eitherIs, hasExchangeOnlineEvidence, profileLocations } from "./facts";
import { AuthProtocol, CredentialRetrieval } from "../model/options";
import { Learn, link, recordUrl } from "./links";
import { alertEvidence, errorOf, ev, makeFinding, msg, unreadable } from "./finding";

const ID = "ews-basic-auth";
const CAUSE = 5;

/** Cause 5: Dynamics 365 online signs in to on-premises EWS with Basic, which EWS does not accept. */
export const ewsBasicAuth: Rule = {
  id: ID,
  cause: CAUSE,
  evaluate(s, f) {
    if (f.online === false) return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_OnPremisesOrg"));
    if (f.profileKind === null) return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_NoProfile"));
    if (f.profileKind === undefined || !f.profile) return unreadable(ID, CAUSE, "profile", errorOf(s.profile));
    const profile = f.profile;
    const locations = profileLocations(profile);
    // A hybrid profile serves an on-premises mailbox only when nothing says the mailbox is in Exchange Online
    // (otherwise cause 2 applies, not this one).
    const onPremises =
      f.profileKind === "exchange-server" || (f.profileKind === "exchange-server-hybrid" && !hasExchangeOnlineEvidence(f.exchangeOnline));
    if (!onPremises) return makeFinding(ID, CAUSE, "not-applicable", msg("NotApplicable_NotOnPremisesExchange"));
    if (f.online === undefined) return unreadable(ID, CAUSE, "tenant", errorOf(s.tenant));

    const profileLink = link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id));
    const learnLinks = [
      ...link("Link_Learn_ExchangeOnPremisesPrerequisites", Learn.exchangeOnPremisesPrerequisites),
      ...link("Link_Learn_HybridModernAuth", Learn.hybridModernAuth),
    ];
    const setupEvidence = [
      ev("emailserverprofile.servertype", profile.serverType, "servertype"),
      ev("emailserverprofile.incomingcredentialretrieval", profile.incomingCredential, "credentialretrieval"),
      ev("emailserverprofile.incomingauthenticationprotocol", profile.incomingAuth, "authenticationprotocol"),
    ];
    const plainHttp = [...locations, s.mailbox.ewsUrl].find((l) => typeof l === "string" && /^\s*http:\/\//i.test(l));
    if (plainHttp) {
      return makeFinding(ID, CAUSE, "problem", msg("EwsBasic_ProblemPlainHttp"), {
        evidence: [ev("emailserverprofile.incomingserverlocation", plainHttp)],
        fix: ["EwsBasic_Fix_UseHttps", "Fix_TestEnable"],
        links: [...profileLink, ...learnLinks],
      });
    }
    if (eitherIs(profile.incomingCredential, profile.outgoingCredential, [CredentialRetrieval.HybridModernAuth])) {
      return makeFinding(ID, CAUSE, "ok", msg("EwsBasic_OkHybridModernAuth"), { evidence: setupEvidence.slice(1, 2) });
    }
    if (!f.alerts) return unreadable(ID, CAUSE, "alerts", errorOf(s.alerts), { evidence: setupEvidence });
    const has401 = (f.alerts401?.length ?? 0) > 0;
    const credentials = eitherIs(profile.incomingCredential, profile.outgoingCredential, [
      CredentialRetrieval.UserOrQueue,
      CredentialRetrieval.ServerProfile,
    ]);
    const basic = eitherIs(profile.incomingAuth, profile.outgoingAuth, [AuthProtocol.Basic, AuthProtocol.AutoDetect]);
    if (credentials && basic) {
      if (has401 && f.alerts401) {
        return makeFinding(ID, CAUSE, "problem", msg("EwsBasic_Problem401"), {
          evidence: [...setupEvidence, ...alertEvidence(f.alerts401[0])],
          fix: ["EwsBasic_Fix_EnableBasicOrNtlm", "EwsBasic_Fix_Impersonation", "EwsBasic_Fix_ConsiderHma", "Fix_TestEnable"],
          links: [...profileLink, ...learnLinks],
        });
      }
      return makeFinding(ID, CAUSE, "warning", msg("EwsBasic_WarningBasicNeeded"), {
        evidence: setupEvidence,
        fix: ["EwsBasic_Fix_EnableBasicOrNtlm", "EwsBasic_Fix_ConsiderHma"],
        links: [...profileLink, ...learnLinks],
      });
    }
    const ewsUrl = profile.incomingLocation;
    if (profile.useAutodiscover === false && typeof ewsUrl === "string" && !/\/EWS\/Exchange\.asmx\s*$/i.test(ewsUrl)) {
      return makeFinding(ID, CAUSE, "warning", msg("EwsBasic_WarningEwsUrl"), {
        evidence: [ev("emailserverprofile.useautodiscover", profile.useAutodiscover), ev("emailserverprofile.incomingserverlocation", ewsUrl)],
        fix: ["EwsBasic_Fix_EwsUrl", "Fix_TestEnable"],
        links: [...profileLink, ...learnLinks],
      });
    }
    if (has401 && f.alerts401) {
      return makeFinding(ID, CAUSE, "warning", msg("EwsBasic_Warning401Other"), {
        evidence: [...setupEvidence, ...alertEvidence(f.alerts401[0])],
        fix: ["EwsBasic_Fix_CheckCredentials", "EwsBasic_Fix_Impersonation", "Fix_TestEnable"],
        links: [...profileLink, ...learnLinks],
      });
    }
    return makeFinding(ID, CAUSE, "ok", msg("EwsBasic_Ok"), { evidence: setupEvidence });
  },
};
