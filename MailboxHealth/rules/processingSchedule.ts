import type { Rule } from "./rule";
import type { Message } from "../model/finding";
import { learnLink } from "./links";
import { defineRule, ev, msg, unknownFix } from "./finding";

/**
 * Server-side sync sets the postpone columns for its next regular cycle too; only a date further ahead
 * than a normal cycle is a back-off after errors (docs/rules.md explains the margin).
 */
export const BACKOFF_MARGIN_MINUTES = 15;

const date = (on: Date): Message => msg("Date", { iso: on.toISOString() });

/** Server-side sync has postponed this mailbox after errors: say until when. */
export const processingSchedule: Rule = defineRule("processing-schedule", null, (s, f, find) => {
  if (!f.sssDirections) {
    // The step to choose empty ones is mailbox-state's; read access is every check's.
    return find("unverified", "Schedule_DeliveryUnknown", { fix: unknownFix(f.basis.sss) === "Fix_CheckValue" ? [] : ["Fix_GrantReadAndRecheck"] });
  }
  if (f.sssDirections.length === 0) return find("not-applicable", "NotApplicable_NoServerSideSync");
  const m = s.mailbox;
  const limit = s.now.getTime() + BACKOFF_MARGIN_MINUTES * 60_000;
  const columns = [
    { field: "mailbox.postponemailboxprocessinguntil", value: m.postponeProcessingUntil },
    { field: "mailbox.receivingpostponeduntil", value: m.receivingPostponedUntil },
  ];
  const postponed = columns.filter((p): p is { field: string; value: Date } => p.value instanceof Date && p.value.getTime() > limit);
  const last = ev("mailbox.lastsuccessfulsynccompletedon", m.lastSuccessfulSync);
  if (postponed.length > 0) {
    const until = postponed.reduce((a, b) => (a.value >= b.value ? a : b));
    return find("warning", msg("Schedule_Postponed", { until: date(until.value) }), {
      evidence: [...postponed.map((p) => ev(p.field, p.value)), last],
      fix: ["Schedule_Fix_FixCauseFirst", "Fix_TestEnable"],
      links: learnLink("Monitoring"),
    });
  }
  return find("ok", m.lastSuccessfulSync instanceof Date ? msg("Schedule_OkLastSync", { when: date(m.lastSuccessfulSync) }) : "Schedule_OkNoSyncYet", {
    evidence: [last],
    // "Not postponed" rests on both postponement columns, and the last sync it reports on its column.
    restsOn: [...columns.map((p) => ev(p.field, p.value)), last],
  });
});
