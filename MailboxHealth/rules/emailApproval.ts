import type { Rule } from "./rule";
import { Approval } from "../model/options";
import { learnLink, link, recordUrl } from "./links";
import { defineRule, ev, unreadable } from "./finding";


/** The org processes mail only for approved addresses, and this one is not approved. */
export const emailApproval: Rule = defineRule("email-approval", null, (s, f, find) => {
  if (!s.organization.ok) return unreadable(find, "organization", s.organization.error);
  const org = s.organization.value;
  if (!org) return unreadable(find, "organization", { kind: "not-found", message: "organization" });
  if (!f.ownerTable) {
    if (!s.owner.ok) return unreadable(find, "owner", s.owner.error);
    // No owner: whether the user or the queue setting applies cannot be told (there is no read to blame).
    // The step to check the owner is owner-state's, with the link to the mailbox: not repeated here.
    return find("unverified", "Approval_UnverifiedNoOwner", { evidence: [ev("mailbox._regardingobjectid_value", s.mailbox.ownerId)] });
  }
  const queue = f.ownerTable === "queue";
  const required = queue ? org.requireApprovalForQueue : org.requireApprovalForUser;
  const setting = ev(queue ? "organization.requireapprovalforqueueemail" : "organization.requireapprovalforuseremail", required);
  if (typeof required !== "boolean") {
    return find("unverified", "Approval_SettingUnknown", { evidence: [setting], fix: ["Fix_GrantReadAndRecheck"] });
  }
  if (!required) return find("not-applicable", queue ? "Approval_NotRequiredQueue" : "Approval_NotRequiredUser", { evidence: [setting] });
  const approval = s.mailbox.approval;
  const evidence = [setting, ev("mailbox.emailrouteraccessapproval", approval, "approval")];
  const links = [
    ...link("Link_OpenMailbox", recordUrl(s.clientUrl, "mailbox", s.mailbox.id)),
    ...learnLink("ApproveEmail"),
  ];
  if (approval === Approval.Empty || approval === Approval.Pending || approval === Approval.Rejected) {
    return find("problem", "Approval_Problem", {
      evidence,
      fix: ["Approval_Fix_Approve", "Approval_Fix_Who", "Fix_TestEnable"],
      links,
    });
  }
  if (approval !== Approval.Approved) {
    return find("unverified", "Approval_Unknown", { evidence, fix: ["Approval_Fix_Approve"], links });
  }
  const o365 = s.mailbox.approvedByO365Admin;
  // Empty (its default is No) shows no Microsoft 365 admin's approval either.
  if (f.inExchangeOnline && (o365 === false || o365 === null)) {
    return find("warning", "Approval_WarningO365Admin", {
      evidence: [...evidence, ev("mailbox.isemailaddressapprovedbyo365admin", o365)],
      fix: ["Approval_Fix_O365Admin", "Fix_TestEnable"],
      links,
    });
  }
  // Exchange Online also needs the Microsoft 365 admin's approval: ok rests on it (given, or in Exchange
  // Online), or on what says the mailbox is not in Exchange Online.
  const restsOn =
    o365 === true || f.inExchangeOnline
      ? [ev("mailbox.isemailaddressapprovedbyo365admin", o365)]
      : [...f.basis.profileKind, ...f.basis.exchangeOnline];
  return find("ok", "Approval_Ok", { evidence, restsOn });
});
