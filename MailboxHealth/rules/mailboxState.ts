import type { Rule } from "./rule";
import type { Direction } from "./facts";
import { directionEnabled, directionStatus, sssKnown } from "./facts";
import { State, TestStatus } from "../model/options";
import type { Evidence, Message } from "../model/finding";
import { learnLink, link, recordUrl } from "./links";
import { defineRule, ev, msg, unknownFix } from "./finding";


const STATUS_FIELD: Record<Direction, string> = {
  incoming: "mailbox.incomingemailstatus",
  outgoing: "mailbox.outgoingemailstatus",
  act: "mailbox.actstatus",
};
const ENABLED_FIELD: Record<Direction, string> = {
  incoming: "mailbox.enabledforincomingemail",
  outgoing: "mailbox.enabledforoutgoingemail",
  act: "mailbox.enabledforact",
};

/** The mailbox must be active, and Test & Enable must have succeeded for every direction SSS delivers. */
export const mailboxState: Rule = defineRule("mailbox-state", null, (s, f, find) => {
  const m = s.mailbox;
  // Short of a problem, every conclusion rests on the mailbox being active.
  const active = [ev("mailbox.statecode", m.stateCode, "statecode")];
  const links = [
    ...link("Link_OpenMailbox", recordUrl(s.clientUrl, "mailbox", m.id)),
    ...learnLink("TestAndEnable"),
  ];
  if (m.stateCode === State.Inactive) {
    return find("problem", "MailboxState_Inactive", {
      evidence: active,
      fix: ["MailboxState_Fix_Activate", "Fix_TestEnable"],
      links,
    });
  }
  const dirs = f.sssDirections;
  const statusEvidence = (list: Direction[]): Evidence[] => list.map((d) => ev(STATUS_FIELD[d], directionStatus(s, d), "teststatus"));
  // A direction known to use server-side sync whose test failed is a problem, whatever the other methods are.
  // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13; `||` reads the same here.
  const failed = (dirs || sssKnown(m)).filter((d) => directionStatus(s, d) === TestStatus.Failure);
  if (failed.length > 0) {
    return find("problem", msg("MailboxState_Failure", { directions: listOf(failed) }), {
      evidence: statusEvidence(failed),
      fix: ["MailboxState_Fix_ReadAlerts", "Fix_TestEnable"],
      links,
    });
  }
  if (!dirs) {
    return find("unverified", "MailboxState_DeliveryUnknown", {
      evidence: f.basis.sss,
      // Empty: the admin chooses them on the mailbox; not returned: read access.
      fix: f.basis.sss.some((e) => e.value === null) ? ["MailboxState_Fix_SetDelivery", "Fix_TestEnable"] : [unknownFix(f.basis.sss)],
      links,
    });
  }
  if (dirs.length === 0) return find("not-applicable", "NotApplicable_NoServerSideSync");
  const disabled = dirs.filter((d) => directionEnabled(s, d) === false);
  if (disabled.length > 0) {
    return find("warning", msg("MailboxState_Disabled", { directions: listOf(disabled) }), {
      evidence: disabled.map((d) => ev(ENABLED_FIELD[d], false)),
      fix: ["Fix_TestEnable"],
      links,
      restsOn: active,
    });
  }
  const scheduled = m.testScheduled === true;
  const notRun = dirs.filter((d) => directionStatus(s, d) === TestStatus.NotRun);
  if (notRun.length > 0) {
    // A scheduled test has not given its result yet: nothing to conclude, and nothing to do but wait.
    if (scheduled) {
      return find("unverified", "MailboxState_OkScheduled", {
        evidence: [...statusEvidence(notRun), ev("mailbox.testemailconfigurationscheduled", true)],
        links,
      });
    }
    return find("warning", msg("MailboxState_NotRun", { directions: listOf(notRun) }), {
      evidence: statusEvidence(notRun),
      fix: ["Fix_TestEnable"],
      links,
      restsOn: active,
    });
  }
  // No direction failed or has not run: any that did not succeed has a status that cannot be told.
  const unknown = dirs.filter((d) => directionStatus(s, d) !== TestStatus.Success);
  if (unknown.length > 0) {
    return find("unverified", msg("MailboxState_StatusUnknown", { directions: listOf(unknown) }), {
      evidence: statusEvidence(unknown),
      fix: ["Fix_TestEnable"],
      links,
    });
  }
  const evidence = [...statusEvidence(dirs), ev("mailbox.testemailconfigurationscheduled", m.testScheduled)];
  // Empty ones among these count as unknown (isUnknown): Dataverse fills them for every mailbox.
  const restsOn = [...active, ...dirs.map((d) => ev(ENABLED_FIELD[d], directionEnabled(s, d)))];
  return find("ok", scheduled ? "MailboxState_OkScheduled" : "MailboxState_Ok", { evidence, restsOn });
});

/** Directions as a message argument the presenter localizes ("incoming, outgoing"). */
function listOf(dirs: Direction[]): Message {
  return { key: `Directions_${dirs.length}`, args: Object.fromEntries(dirs.map((d, i) => [`d${i}`, { key: `Direction_${d}` }])) };
}
