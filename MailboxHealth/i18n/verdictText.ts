import type { Verdict } from "../model/finding";
import type { Localizer } from "./localize";

/** "2 problems, 1 to verify" / "No problems found". */
export function verdictText(l: Localizer, v: Verdict): string {
  const parts: string[] = [];
  if (v.problems) parts.push(l.plural("Verdict_Problems", v.problems));
  if (v.warnings) parts.push(l.plural("Verdict_Warnings", v.warnings));
  if (v.unverified) parts.push(l.plural("Verdict_Unverified", v.unverified));
  return parts.length ? parts.join(", ") : l.text("Verdict_None");
}
