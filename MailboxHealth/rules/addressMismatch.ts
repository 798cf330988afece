import type { Rule } from "./rule";
import { addressesIn, alertMentions, alertText } from "./facts";
import { AdminCenter, learnLink, link, recordUrl } from "./links";
import { alertEvidence, beforeChange, defineRule, errorOf, ev, isEmailAddress, msg, normalizeAddress, unreadable } from "./finding";

/**
 * Exchange's error code for "no mailbox for this address". On a mailbox alert it is cause 1; on a profile
 * alert (Test Connection) it says the profile's user name is not a UPN, which `ews-basic-auth` reports,
 * unless the mailbox is in Exchange Online (then it is cause 1 again).
 */
export const NO_EXCHANGE_MAILBOX = /ErrorNonExistentMailbox/i;

/** Cause 1: the address Dynamics 365 uses is not the one Exchange knows the mailbox by. */
export const addressMismatch: Rule = defineRule("address-mismatch", 1, (s, f, find) => {
  const address = s.mailbox.emailAddress;
  const addressEvidence = ev("mailbox.emailaddress", address);
  const mailboxLink = link("Link_OpenMailbox", recordUrl(s.clientUrl, "mailbox", s.mailbox.id));
  const learn = learnLink("UnrecognizedAddress");
  if (address === undefined) {
    return find("unverified", "AddressMismatch_Unknown", {
      evidence: [addressEvidence],
      fix: ["Fix_GrantReadAndRecheck"],
    });
  }
  if (!isEmailAddress(address)) {
    return find("problem", "AddressMismatch_Invalid", {
      evidence: [addressEvidence],
      fix: ["AddressMismatch_Fix_SetAddress", "Fix_SaveAndTestEnable"],
      links: [...mailboxLink, ...learn],
    });
  }
  // On a profile alert it is the profile's user name (ews-basic-auth), except for a mailbox in Exchange
  // Online, which that check does not apply to: there a profile alert that names this mailbox's address is
  // about it, as a mailbox alert is. One that names no address is not told to be about this mailbox.
  const named = normalizeAddress(address);
  const findPrimarySmtp = msg("AddressMismatch_Fix_FindPrimarySmtp", { address });
  const exchangeMailboxes = link("Link_ExchangeMailboxes", AdminCenter.exchangeMailboxes);
  // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13.
  const noMailbox = (f.alerts || []).find(
    (a) => alertMentions(a, NO_EXCHANGE_MAILBOX) && (a.about === "mailbox" || (f.inExchangeOnline && addressesIn(alertText(a)).includes(named))),
  );
  if (noMailbox) {
    return find("problem", msg("AddressMismatch_NoExchangeMailbox", { address }), {
      evidence: [addressEvidence, ...alertEvidence(noMailbox)],
      fix: [findPrimarySmtp, "AddressMismatch_Fix_SetAddress", "Fix_SaveAndTestEnable"],
      links: [...exchangeMailboxes, ...mailboxLink, ...learn],
    });
  }
  if (!s.owner.ok) return unreadable(find, "owner", s.owner.error, { evidence: [addressEvidence] });
  const owner = s.owner.value;
  if (!owner) {
    // owner-state gives the step and the link for a mailbox without an owner: not repeated here.
    return find("unverified", "Detail_NoOwner", {
      evidence: [addressEvidence, ev("mailbox._regardingobjectid_value", s.mailbox.ownerId)],
    });
  }
  const queue = owner.table === "queue";
  const evidence = [addressEvidence, ev(queue ? "queue.emailaddress" : "systemuser.internalemailaddress", owner.email)];
  if (owner.email === undefined) {
    return find("unverified", "AddressMismatch_OwnerAddressUnknown", {
      evidence,
      fix: ["Fix_GrantReadAndRecheck"],
    });
  }
  if (!owner.email || normalizeAddress(owner.email) !== named) {
    return find("problem", queue ? "AddressMismatch_DiffersQueue" : "AddressMismatch_DiffersUser", {
      evidence,
      fix: [queue ? "AddressMismatch_Fix_AlignQueue" : "AddressMismatch_Fix_AlignUser", "Fix_SaveAndTestEnable"],
      links: [...link(queue ? "Link_OpenQueue" : "Link_OpenUser", recordUrl(s.clientUrl, owner.table, owner.id)), ...mailboxLink, ...learn],
    });
  }
  if (!f.alerts) return unreadable(find, "alerts", errorOf(s.alerts), { evidence });
  const first401 = f.fresh401[0];
  if (first401) {
    return find("unverified", msg("AddressMismatch_MatchBut401", { address }), {
      evidence: [...evidence, ...alertEvidence(first401)],
      fix: [findPrimarySmtp],
      links: [...exchangeMailboxes, ...learn],
    });
  }
  const stale = beforeChange(find, "unverified", f, { evidence, fix: [], links: learn });
  if (stale) return stale;
  return find("ok", "AddressMismatch_Ok", { evidence, restsOn: [...evidence, ...f.basis.alerts] });
});
