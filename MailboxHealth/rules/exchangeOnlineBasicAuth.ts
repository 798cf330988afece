/* eslint-disable @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13; where `||` stands in, it reads the same. */
import type { Rule } from "./rule";
import type { Evidence } from "../model/finding";
import { credentials, hostOf, isExchangeOnlineHost } from "./facts";
import { CredentialRetrieval } from "../model/options";
import { learnLink, link, recordUrl } from "./links";
import { defineRule, errorOf, ev, signInEmpty, unreadable } from "./finding";


/**
 * Exchange Online accepts only OAuth since Basic authentication was retired in October 2022 (NTLM and
 * Negotiate were never offered): a profile direction that signs in to an Exchange Online host with a user
 * name and password (credential retrieval 0 or 1) gets 401, whatever its authentication protocol.
 * Incoming and outgoing are judged apart. The host a direction signs in to is its server location (or the
 * default one); without one, for an Exchange Online or Exchange Online (Hybrid) profile, Exchange Online
 * itself. A mailbox whose EWS URL is an Exchange Online host is signed in to there by every direction.
 */
export const exchangeOnlineBasicAuth: Rule = defineRule("exchange-online-basic-auth", null, (s, f, find) => {
  if (f.profileKind === null) return find("not-applicable", "NotApplicable_NoProfile");
  if (!f.profile) return unreadable(find, "profile", errorOf(s.profile));
  const profile = f.profile;
  const profileLink = link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id));
  const exoKind = f.profileKind === "exchange-online" || f.profileKind === "exchange-online-hybrid";
  // A mailbox whose EWS URL is on Exchange Online is signed in to there, whatever the locations; on an
  // Exchange Server (Hybrid) profile that is cause 2, whose fix (an Exchange Online profile) is this one's.
  const mailboxOnline = f.profileKind !== "exchange-server-hybrid" && isExchangeOnlineHost(hostOf(s.mailbox.ewsUrl));
  const fallback = typeof profile.defaultLocation === "string" && profile.defaultLocation.trim() ? profile.defaultLocation : undefined;
  // Each direction's evidence, what its Exchange Online host rests on, and its credential retrieval when
  // it signs in to Exchange Online; in incoming, outgoing order. Column names spelled out, not made per mailbox.
  // Outgoing signs in with the incoming credential retrieval when the profile uses the same settings.
  const evidence: Evidence[] = [];
  let failing = false;
  const where: Evidence[] = [ev("mailbox.ewsurl", s.mailbox.ewsUrl)];
  const how: Evidence[] = [];
  // Directions that sign in to Exchange Online with an empty credential retrieval: how they sign in is not known.
  const empty: Evidence[] = [];
  const [incoming, outgoing] = credentials(profile);
  for (const [at, location, credential] of [
    ["emailserverprofile.incomingserverlocation", profile.incomingLocation, incoming],
    ["emailserverprofile.outgoingserverlocation", profile.outgoingLocation, outgoing],
  ] as const) {
    const own = typeof location === "string" && location.trim() ? location : undefined;
    const target = own || fallback;
    const exchangeOnline = (target !== undefined ? isExchangeOnlineHost(hostOf(target)) : exoKind) || mailboxOnline;
    // What "signs in to Exchange Online" rests on: the location read, or, without one, what stands in for it.
    where.push(ev(at, location));
    if (target === undefined) where.push(ev("emailserverprofile.defaultserverlocation", profile.defaultLocation), ...f.basis.profileKind);
    const [value, credentialBasis] = credential;
    evidence.push(ev(at, target || location), ...credentialBasis);
    if (!exchangeOnline) continue;
    how.push(...credentialBasis);
    if (value === CredentialRetrieval.UserOrQueue || value === CredentialRetrieval.ServerProfile) failing = true;
    if (value === null) empty.push(...credentialBasis);
  }
  if (failing) {
    return find("problem", "ExoBasic_Problem", {
      // Where the directions sign in (the mailbox's EWS URL first) and with what.
      evidence: [...where, ...how],
      fix: ["ExoBasic_Fix_NewProfile", "HybridProfile_Fix_AssignProfile", "Fix_TestEnable"],
      links: [
        ...profileLink,
        ...learnLink("BasicAuthExchangeOnline"),
        ...learnLink("ExchangeOnlineProfile"),
      ],
    });
  }
  if (empty.length > 0) return signInEmpty(find, [...where, ...empty], profileLink);
  if (how.length === 0) return find("not-applicable", "NotApplicable_NoExchangeOnlineLocation", { restsOn: where });
  return find("ok", "ExoBasic_Ok", { evidence, restsOn: [...where, ...how] });
});
