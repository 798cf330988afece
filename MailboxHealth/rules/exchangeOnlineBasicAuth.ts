import type { Rule } from "./rule";
import type { Evidence } from "../model/finding";
import { hostOf, isExchangeOnlineHost } from "./facts";
import { CredentialRetrieval } from "../model/options";
import { learnLink, link, recordUrl } from "./links";
import { defineRule, errorOf, ev, unreadable } from "./finding";


/**
 * Exchange Online accepts only OAuth since Basic authentication was retired in October 2022 (NTLM and
 * Negotiate were never offered): a profile direction that signs in to an Exchange Online host with a user
 * name and password (credential retrieval 0 or 1) gets 401, whatever its authentication protocol.
 * Incoming and outgoing are judged apart. The host a direction signs in to is its server location (or the
 * default one); without one, the mailbox's EWS URL (autodiscover) or, for an Exchange Online or Exchange
 * Online (Hybrid) profile, Exchange Online itself.
 */
export const exchangeOnlineBasicAuth: Rule = defineRule("exchange-online-basic-auth", null, (s, f, find) => {
  if (f.profileKind === null) return find("not-applicable", "NotApplicable_NoProfile");
  if (!f.profile) return unreadable(find, "profile", errorOf(s.profile));
  const profile = f.profile;
  const exoKind = f.profileKind === "exchange-online" || f.profileKind === "exchange-online-hybrid";
  const mailboxHost = hostOf(s.mailbox.ewsUrl);
  // Column names spelled out, not made per mailbox.
  const sides = [
    { at: "emailserverprofile.incomingserverlocation", how: "emailserverprofile.incomingcredentialretrieval", location: profile.incomingLocation, credential: profile.incomingCredential },
    { at: "emailserverprofile.outgoingserverlocation", how: "emailserverprofile.outgoingcredentialretrieval", location: profile.outgoingLocation, credential: profile.outgoingCredential },
  ].map(({ at, how, location, credential }) => {
    const own = typeof location === "string" && location.trim() ? location : undefined;
    const fallback = typeof profile.defaultLocation === "string" && profile.defaultLocation.trim() ? profile.defaultLocation : undefined;
    const where = own ?? fallback;
    const exchangeOnline = where !== undefined ? isExchangeOnlineHost(hostOf(where)) : exoKind || isExchangeOnlineHost(mailboxHost);
    // What "signs in to Exchange Online" rests on: the location read, or, without one, what stands in for it.
    const read = ev(at, location);
    const basis: Evidence[] =
      where !== undefined
        ? [read]
        : [read, ev("emailserverprofile.defaultserverlocation", profile.defaultLocation), ev("mailbox.ewsurl", s.mailbox.ewsUrl), ...f.basis.profileKind];
    const credentialBasis = ev(how, credential, "credentialretrieval");
    return {
      exchangeOnline,
      credentials: credential === CredentialRetrieval.UserOrQueue || credential === CredentialRetrieval.ServerProfile,
      evidence: [where === location ? read : ev(at, where ?? location), credentialBasis],
      basis,
      credentialBasis,
    };
  });
  const failing = sides.filter((x) => x.exchangeOnline && x.credentials);
  if (failing.length > 0) {
    return find("problem", "ExoBasic_Problem", {
      evidence: failing.flatMap((x) => x.evidence),
      fix: ["ExoBasic_Fix_NewProfile", "HybridProfile_Fix_AssignProfile", "Fix_TestEnable"],
      links: [
        ...link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id)),
        ...learnLink("BasicAuthExchangeOnline"),
        ...learnLink("ExchangeOnlineProfile"),
      ],
    });
  }
  const where = sides.flatMap((x) => x.basis);
  if (!sides.some((x) => x.exchangeOnline)) {
    return find("not-applicable", "NotApplicable_NoExchangeOnlineLocation", { restsOn: where });
  }
  const how = sides.filter((x) => x.exchangeOnline).map((x) => x.credentialBasis);
  return find("ok", "ExoBasic_Ok", { evidence: sides.flatMap((x) => x.evidence), restsOn: [...where, ...how] });
});
