import type { Rule } from "./rule";
import type { Value } from "../model/snapshot";
import { findAlert } from "./facts";
import { AccessMode, State } from "../model/options";
import { learnLink, link, recordUrl } from "./links";
import { alertEvidence, defineRule, errorOf, ev, unreadable } from "./finding";

const EMPTY_GUID = "00000000-0000-0000-0000-000000000000";
/** 8005E273: the user is disabled in Microsoft Entra ID. */
const ENTRA_DISABLED = /8005E273|-2147097997/i;
/** 8005E259, 80048306, UserPrivilegeError: the owner lacks privileges on the mailbox. */
const NO_PRIVILEGE = /8005E259|-2147098023|80048306|-2147187962|UserPrivilegeError/i;

/** The owner (user or queue) must be enabled and able to use the mailbox. */
export const ownerState: Rule = defineRule("owner-state", null, (s, f, find) => {
  if (!s.owner.ok) return unreadable(find, "owner", s.owner.error);
  const owner = s.owner.value;
  if (!owner) {
    return find("unverified", "Owner_UnverifiedNoOwner", {
      evidence: [ev("mailbox._regardingobjectid_value", s.mailbox.ownerId)],
      fix: ["Fix_CheckOwner"],
      links: link("Link_OpenMailbox", recordUrl(s.clientUrl, "mailbox", s.mailbox.id)),
    });
  }
  const queue = owner.table === "queue";
  const ownerLink = link(queue ? "Link_OpenQueue" : "Link_OpenUser", recordUrl(s.clientUrl, owner.table, owner.id));
  // The owner's state as read: a queue's state; a user's being disabled, then its access mode.
  const state: Value<number | boolean>[] = queue ? [owner.stateCode] : [owner.isDisabled, owner.accessMode];
  const evidence = queue
    ? [ev("queue.statecode", owner.stateCode, "statecode")]
    : [ev("systemuser.isdisabled", owner.isDisabled), ev("systemuser.accessmode", owner.accessMode, "accessmode")];
  if (queue ? owner.stateCode === State.Inactive : owner.isDisabled === true) {
    return find("problem", queue ? "Owner_QueueInactive" : "Owner_UserDisabled", {
      evidence: [evidence[0]],
      fix: [queue ? "Owner_Fix_ActivateQueue" : "Owner_Fix_EnableUser", "Fix_TestEnable"],
      links: ownerLink,
    });
  }
  const disabledInEntra = findAlert(f, ENTRA_DISABLED);
  if (disabledInEntra) {
    return find("problem", "Owner_EntraDisabled", {
      evidence: alertEvidence(disabledInEntra),
      fix: ["Owner_Fix_UnblockSignIn", "Fix_TestEnable"],
      links: ownerLink,
    });
  }
  const noPrivilege = findAlert(f, NO_PRIVILEGE);
  if (noPrivilege) {
    return find("problem", "Owner_NoPrivilege", {
      evidence: alertEvidence(noPrivilege),
      fix: ["Owner_Fix_Privileges", "Owner_Fix_MailboxOwner", "Fix_TestEnable"],
      links: [...ownerLink, ...learnLink("OwnerPrivileges")],
    });
  }
  if (!queue) {
    // An empty-GUID application id is no application: the column is simply not set.
    const application = (!!owner.applicationId && owner.applicationId !== EMPTY_GUID) || owner.isIntegrationUser === true;
    const accessOk = owner.accessMode === AccessMode.ReadWrite || owner.accessMode === AccessMode.Administrative;
    if (application || (typeof owner.accessMode === "number" && !accessOk)) {
      return find("warning", application ? "Owner_ApplicationUser" : "Owner_AccessMode", {
        evidence: application ? [ev("systemuser.applicationid", owner.applicationId)] : [evidence[1]],
        fix: ["Owner_Fix_AccessMode"],
        links: ownerLink,
        restsOn: [evidence[0], ...f.basis.alerts],
      });
    }
  }
  // Not returned, or empty: neither says enabled (or active) with Read-Write or Administrative access. A
  // state column not returned asks for read access; an empty one, for a look at the owner's record.
  if (state.includes(undefined)) return find("unverified", "Owner_Unknown", { evidence, fix: ["Fix_GrantReadAndRecheck"] });
  if (state.includes(null)) return find("unverified", "Owner_Unknown", { evidence, fix: ["Owner_Fix_CheckState"], links: ownerLink });
  if (!f.alerts) return unreadable(find, "alerts", errorOf(s.alerts));
  return find("ok", queue ? "Owner_OkQueue" : "Owner_OkUser", {
    evidence,
    // A queue's state code may be one no documentation names; a user's state is known by now (any access
    // mode but Read-Write or Administrative was a warning), and what makes it an application user is not.
    restsOn: [
      ...(queue ? evidence : [ev("systemuser.applicationid", owner.applicationId), ev("systemuser.isintegrationuser", owner.isIntegrationUser)]),
      ...f.basis.alerts,
    ],
  });
});
