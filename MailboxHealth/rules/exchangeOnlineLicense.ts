/* eslint-disable @typescript-eslint/prefer-optional-chain -- `?.` is rewritten into longer code for Safari 13; where `&&` stands in, it reads the same. */
import type { Rule } from "./rule";
import { alertMentions, hostOf, isExchangeOnlineHost } from "./facts";
import { AccessMode } from "../model/options";
import { AdminCenter, learnLink, link } from "./links";
import { alertEvidence, defineRule, errorOf, ev, msg, outsideUserOnExchangeOnline, unreadable } from "./finding";

/** `ErrorInvalidLicense`: Exchange says the licence is invalid [KB-LIC]. */
const INVALID_LICENCE = /ErrorInvalidLicense/i;
/** 8005E274, `MailboxNotEnabledForRESTAPI`: no licence, a disabled mailbox, or an on-premises mailbox in a hybrid deployment [KB-E274]. */
const NOT_ENABLED_FOR_REST = /8005E274|-2147097996|MailboxNotEnabledForRESTAPI/i;
/** 8005E276: no valid Exchange licence, or the user not in the right access mode [KB-E276]. */
const NO_LICENCE_OR_ACCESS_MODE = /8005E276|-2147097994/i;
const ANY = new RegExp(`${INVALID_LICENCE.source}|${NOT_ENABLED_FOR_REST.source}|${NO_LICENCE_OR_ACCESS_MODE.source}`, "i");

/** Cause 3: the owner has no Exchange Online licence. Not visible in Dataverse except through alerts. */
export const exchangeOnlineLicense: Rule = defineRule("exchange-online-license", 3, (s, f, find) => {
  const outOfScope = outsideUserOnExchangeOnline(find, s, f);
  if (outOfScope) return outOfScope;
  if (!f.alerts) return unreadable(find, "alerts", errorOf(s.alerts));
  const owner = s.owner.ok ? s.owner.value : null;
  const user = owner && owner.table === "systemuser" ? owner : undefined;
  const licences = link("Link_M365Users", AdminCenter.m365Users);
  const learn = learnLink("InvalidLicense");
  const evidenceAlert = f.alerts.find((a) => alertMentions(a, ANY));
  if (evidenceAlert && alertMentions(evidenceAlert, NOT_ENABLED_FOR_REST) && !alertMentions(evidenceAlert, INVALID_LICENCE)) {
    // Three possibilities; say what the data says about the two Dynamics 365 can see, and fix in that order.
    const host = hostOf(s.mailbox.ewsUrl);
    const onPremises = host !== undefined && !isExchangeOnlineHost(host);
    const where = host ? msg(onPremises ? "License_Data_EwsOnPremises" : "License_Data_EwsOnline", { host }) : msg("License_Data_EwsUnknown");
    const state = user && user.isDisabled;
    const disabled = state === true;
    const owner = msg(disabled ? "License_Data_OwnerDisabled" : state === false ? "License_Data_OwnerEnabled" : "License_Data_OwnerUnknown");
    const fix = onPremises
      ? ["License_Fix_OnPremisesProfile", "HybridProfile_Fix_AssignProfile", "Fix_TestEnable"]
      : disabled
        ? ["License_Fix_EnableAccount", "License_Fix_Check", "Fix_TestEnable"]
        : ["License_Fix_Assign", "License_Fix_Wait", "License_Fix_MailboxEnabled", "Fix_TestEnable"];
    return find("problem", msg("License_ProblemNotEnabledForRest", { where, owner }), {
      evidence: [...alertEvidence(evidenceAlert), ev("mailbox.ewsurl", s.mailbox.ewsUrl), ...(user ? [ev("systemuser.isdisabled", user.isDisabled)] : [])],
      fix,
      links: [
        ...(onPremises ? learnLink("ExchangeOnPremises") : []),
        ...licences,
        ...learnLink("Error8005E274"),
      ],
    });
  }
  if (evidenceAlert && alertMentions(evidenceAlert, NO_LICENCE_OR_ACCESS_MODE) && !alertMentions(evidenceAlert, INVALID_LICENCE)) {
    const mode = user ? user.accessMode : undefined;
    const rightMode = mode === AccessMode.ReadWrite || mode === AccessMode.Administrative;
    const wrongMode = typeof mode === "number" && !rightMode;
    const detail = wrongMode ? "License_Problem8005E276AccessMode" : rightMode ? "License_Problem8005E276Licence" : "License_Problem8005E276";
    const fix = wrongMode
      ? ["License_Fix_AccessMode", "Fix_TestEnable", "License_Fix_Check"]
      : rightMode
        ? ["License_Fix_Assign", "License_Fix_Wait", "Fix_TestEnable"]
        : ["License_Fix_Check", "License_Fix_AccessMode", "Fix_TestEnable"];
    return find("problem", detail, {
      evidence: [...alertEvidence(evidenceAlert), ...(user ? [ev("systemuser.accessmode", user.accessMode, "accessmode")] : [])],
      fix,
      links: [...licences, ...learnLink("Error8005E276")],
    });
  }
  if (evidenceAlert) {
    return find("problem", "License_Problem", {
      evidence: alertEvidence(evidenceAlert),
      fix: ["License_Fix_Assign", "License_Fix_Wait", "Fix_TestEnable"],
      links: [...licences, ...learn],
    });
  }
  if (f.lastTestSucceeded && !!f.alerts401 && f.alerts401.length === 0) {
    return find("ok", "License_OkMailFlows", {
      evidence: [ev("mailbox.testmailboxaccesscompletedon", s.mailbox.testCompletedOn)],
      restsOn: f.basis.alerts,
    });
  }
  const evidence = user ? [ev("systemuser.azureactivedirectoryobjectid", user.entraObjectId)] : [];
  return find("unverified", "License_Unverified", {
    evidence,
    fix: ["License_Fix_Check"],
    links: [...licences, ...learn],
  });
});
