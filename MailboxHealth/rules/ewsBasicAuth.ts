import type { Rule } from "./rule";
import type { Evidence } from "../model/finding";
import type { Value } from "../model/snapshot";
import { credentials, findAlert, hasExchangeOnlineEvidence, locationBasis, profileLocations } from "./facts";
import { AuthProtocol, CredentialRetrieval } from "../model/options";
import { learnLink, link, recordUrl } from "./links";
import { NO_EXCHANGE_MAILBOX } from "./addressMismatch";
import { alertEvidence, beforeChange, defineRule, errorOf, ev, signInEmpty, unreadable } from "./finding";

/**
 * How one direction of the profile signs in to on-premises EWS, as far as the check tells them apart:
 * Hybrid Modern Auth; Basic (a user name and password, sent with Basic or Auto Detect); or any other way
 * (NTLM or Negotiate, another credential retrieval, or one that was not read); or empty on the profile
 * (no credential retrieval, or a password sent with no authentication protocol), which is not known.
 */
type SignIn = "hybrid-modern-auth" | "basic" | "other" | "empty";

function signIn(credential: Value<number>, protocol: Value<number>): SignIn {
  if (credential === CredentialRetrieval.HybridModernAuth) return "hybrid-modern-auth";
  const password = credential === CredentialRetrieval.UserOrQueue || credential === CredentialRetrieval.ServerProfile;
  if (credential === null || (password && protocol === null)) return "empty";
  return password && (protocol === AuthProtocol.Basic || protocol === AuthProtocol.AutoDetect) ? "basic" : "other";
}

/**
 * Cause 5: Dynamics 365 online signs in to on-premises EWS with Basic, which EWS does not accept. Incoming
 * and outgoing have their own credential retrieval and protocol and are judged apart: Hybrid Modern Auth
 * on one direction does not clear Basic on the other.
 */
export const ewsBasicAuth: Rule = defineRule("ews-basic-auth", 5, (s, f, find) => {
  if (f.online === false) return find("not-applicable", "NotApplicable_OnPremisesOrg");
  if (f.profileKind === null) return find("not-applicable", "NotApplicable_NoProfile");
  if (f.profileKind === undefined || !f.profile) return unreadable(find, "profile", errorOf(s.profile));
  const profile = f.profile;
  const kindBasis = f.basis.profileKind;
  // A mailbox the data places in Exchange Online does not use on-premises EWS (causes 2, 3, 6 and the
  // retired Basic authentication apply instead), whatever the profile's server type. Placed there by the
  // profile's kind alone, that rests on what told the kind (a server type not read could be on-premises).
  if (f.inExchangeOnline) return find("not-applicable", "NotApplicable_NotOnPremisesExchange", hasExchangeOnlineEvidence(f.exchangeOnline) ? {} : { restsOn: kindBasis });
  if (f.profileKind !== "exchange-server" && f.profileKind !== "exchange-server-hybrid") {
    return find("not-applicable", "NotApplicable_NotOnPremisesExchange", { restsOn: kindBasis });
  }
  if (f.online === undefined) return unreadable(find, "tenant", errorOf(s.tenant));

  const profileLink = link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id));
  const links = [
    ...profileLink,
    ...learnLink("ExchangeOnPremisesPrerequisites"),
    ...learnLink("HybridModernAuth"),
  ];
  // The profile's locations and the mailbox's EWS URL; the first with plain http, named by its own column.
  const urls = [...locationBasis(profile), ev("mailbox.ewsurl", s.mailbox.ewsUrl)];
  const plainHttp = urls.find(
    (e) => typeof e.value === "string" && /^\s*http:\/\//i.test(e.value),
  );
  if (plainHttp) {
    return find("problem", "EwsBasic_ProblemPlainHttp", {
      evidence: [plainHttp],
      fix: ["EwsBasic_Fix_UseHttps", "Fix_TestEnable"],
      links,
    });
  }
  // Test Connection's ErrorNonExistentMailbox on the profile: its user name is not in UPN form [KB-SMTP].
  const notUpn = findAlert(f, NO_EXCHANGE_MAILBOX, "profile");
  if (notUpn) {
    return find("problem", "EwsBasic_ProblemUserNameNotUpn", {
      evidence: alertEvidence(notUpn),
      fix: ["EwsBasic_Fix_UserNameUpn", "Fix_TestEnable"],
      links,
    });
  }

  // Each direction's credential evidence, then its protocol: outgoing may use the incoming credential
  // settings (`credentials`), never the incoming protocol.
  const [incoming, outgoing] = credentials(profile);
  const directions: { how: SignIn; evidence: Evidence[] }[] = [
    { how: signIn(incoming[0], profile.incomingAuth), evidence: [
      ...incoming[1],
      ev("emailserverprofile.incomingauthenticationprotocol", profile.incomingAuth, "authenticationprotocol"),
    ] },
    { how: signIn(outgoing[0], profile.outgoingAuth), evidence: [
      ...outgoing[1],
      ev("emailserverprofile.outgoingauthenticationprotocol", profile.outgoingAuth, "authenticationprotocol"),
    ] },
  ];
  const setupEvidence = (list: typeof directions): Evidence[] => [
    ev("emailserverprofile.servertype", profile.serverType, "servertype"),
    ...list.flatMap((x) => x.evidence),
  ];
  // Every conclusion short of a problem rests on how both directions sign in (with Hybrid Modern Auth, the
  // credential evidence without the protocol), on the locations and the EWS URL (plain http would be a
  // problem) and on the alerts (a 401 or a user-name error would be).
  const signInBasis = [
    ...directions.flatMap((x) => (x.how === "hybrid-modern-auth" ? x.evidence.slice(0, -1) : x.evidence)),
    ...urls,
    ...f.basis.alerts,
  ];

  if (!f.alerts) return unreadable(find, "alerts", errorOf(s.alerts), { evidence: setupEvidence(directions) });
  const first401 = f.fresh401[0];
  const basic = directions.filter((x) => x.how === "basic");
  if (basic.length > 0) {
    if (first401) {
      return find("problem", "EwsBasic_Problem401", {
        evidence: [...setupEvidence(basic), ...alertEvidence(first401)],
        fix: ["EwsBasic_Fix_EnableBasicOrNtlm", "EwsBasic_Fix_Impersonation", "EwsBasic_Fix_ConsiderHma", "Fix_TestEnable"],
        links,
      });
    }
    const parts = {
      evidence: setupEvidence(basic),
      fix: ["EwsBasic_Fix_EnableBasicOrNtlm", "EwsBasic_Fix_ConsiderHma"],
      links,
      restsOn: signInBasis,
    };
    const stale = beforeChange(find, "warning", f, parts);
    if (stale) return stale;
    return find("warning", "EwsBasic_WarningBasicNeeded", parts);
  }
  // Every EWS URL of the profile: the outgoing one is judged apart from the incoming one.
  const ewsUrl = profileLocations(profile).find((l) => !/\/EWS\/Exchange\.asmx\s*$/i.test(l));
  const autodiscover = ev("emailserverprofile.useautodiscover", profile.useAutodiscover);
  // Off, or empty (its default is No): the locations are used as they are.
  if (profile.useAutodiscover !== true && ewsUrl) {
    return find("warning", "EwsBasic_WarningEwsUrl", {
      evidence: [autodiscover, ...locationBasis(profile)],
      fix: ["EwsBasic_Fix_EwsUrl", "Fix_TestEnable"],
      links,
      restsOn: [...signInBasis, autodiscover],
    });
  }
  const withCredentials = directions.filter((x) => x.how !== "hybrid-modern-auth");
  if (withCredentials.length === 0) {
    return find("ok", "EwsBasic_OkHybridModernAuth", { evidence: setupEvidence(directions), restsOn: signInBasis });
  }
  if (first401) {
    return find("warning", "EwsBasic_Warning401Other", {
      evidence: [...setupEvidence(withCredentials), ...alertEvidence(first401)],
      fix: ["EwsBasic_Fix_CheckCredentials", "EwsBasic_Fix_Impersonation", "Fix_TestEnable"],
      links,
      restsOn: signInBasis,
    });
  }
  const empty = directions.filter((x) => x.how === "empty");
  if (empty.length > 0) return signInEmpty(find, setupEvidence(empty), profileLink);
  const stale = beforeChange(find, "unverified", f, {
    evidence: setupEvidence(withCredentials),
    fix: ["EwsBasic_Fix_CheckCredentials"],
    links,
  });
  if (stale) return stale;
  return find("ok", "EwsBasic_Ok", { evidence: setupEvidence(directions), restsOn: [...signInBasis, autodiscover] });
});
