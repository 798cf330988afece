import type { Rule } from "./rule";
import { eitherIs, hostOf, isExchangeOnlineHost, profileLocations } from "./facts";
import { AuthProtocol, CredentialRetrieval } from "../model/options";
import { Learn, link, recordUrl } from "./links";
import { errorOf, ev, makeFinding, msg, unreadable } from "./finding";

const ID = "exchange-online-basic-auth";

/** Basic authentication to Exchange Online was retired in October 2022: such a profile gets 401. */
export const exchangeOnlineBasicAuth: Rule = {
  id: ID,
  cause: null,
  evaluate(s, f) {
    if (f.profileKind === null) return makeFinding(ID, null, "not-applicable", msg("NotApplicable_NoProfile"));
    if (!f.profile) return unreadable(ID, null, "profile", errorOf(s.profile));
    const profile = f.profile;
    const exoLocation = profileLocations(profile).find((l) => isExchangeOnlineHost(hostOf(l)));
    if (!exoLocation) return makeFinding(ID, null, "not-applicable", msg("NotApplicable_NoExchangeOnlineLocation"));
    const credentials = eitherIs(profile.incomingCredential, profile.outgoingCredential, [
      CredentialRetrieval.UserOrQueue,
      CredentialRetrieval.ServerProfile,
    ]);
    const basic = eitherIs(profile.incomingAuth, profile.outgoingAuth, [AuthProtocol.Basic, AuthProtocol.AutoDetect]);
    const evidence = [
      ev("emailserverprofile.incomingserverlocation", exoLocation),
      ev("emailserverprofile.incomingcredentialretrieval", profile.incomingCredential, "credentialretrieval"),
      ev("emailserverprofile.incomingauthenticationprotocol", profile.incomingAuth, "authenticationprotocol"),
    ];
    if (credentials && basic) {
      return makeFinding(ID, null, "problem", msg("ExoBasic_Problem"), {
        evidence,
        fix: ["ExoBasic_Fix_NewProfile", "HybridProfile_Fix_AssignProfile", "Fix_TestEnable"],
        links: [
          ...link("Link_OpenProfile", recordUrl(s.clientUrl, "emailserverprofile", profile.id)),
          ...link("Link_Learn_BasicAuthExchangeOnline", Learn.basicAuthExchangeOnline),
          ...link("Link_Learn_ExchangeOnlineProfile", Learn.exchangeOnlineProfile),
        ],
      });
    }
    const credentialKnown = profile.incomingCredential !== undefined || profile.outgoingCredential !== undefined;
    const authKnown = profile.incomingAuth !== undefined || profile.outgoingAuth !== undefined;
    if (!credentialKnown || (credentials && !authKnown)) {
      return makeFinding(ID, null, "unverified", msg("ExoBasic_Unknown"), { evidence, fix: ["Fix_GrantReadAndRecheck"] });
    }
    return makeFinding(ID, null, "ok", msg("ExoBasic_Ok"), { evidence });
  },
};
