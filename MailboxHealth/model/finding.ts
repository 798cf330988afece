/**
 * What a rule concludes about one mailbox. Plain data: no localized text, no React.
 * Texts are message keys into the resx files; the presenter (UI or command line) localizes them.
 */

export type Status = "problem" | "warning" | "unverified" | "ok" | "not-applicable";

/** Worst first: the order the UI lists findings in and the verdict is taken from. */
export const STATUS_ORDER: readonly Status[] = ["problem", "warning", "unverified", "ok", "not-applicable"];

export type RuleId =
  | "address-mismatch"
  | "hybrid-profile-for-exchange-online"
  | "exchange-online-license"
  | "tenant-mismatch"
  | "ews-basic-auth"
  | "recreated-user"
  | "exchange-online-basic-auth"
  | "email-approval"
  | "owner-state"
  | "mailbox-state"
  | "processing-schedule";

/** The causes numbered in Microsoft's article on the 401 error; null for the other checks. */
export type Cause = 1 | 2 | 3 | 4 | 5 | 6 | null;

/** Placeholder values; a nested Message is localized too. */
export type MessageArgs = Record<string, string | number | Message>;

/** A localizable text: a resx key and the values for its {placeholders}. */
export interface Message {
  key: string;
  args?: MessageArgs;
}

/** Option sets whose values the presenter can label (resx keys `Option_<set>_<value>`). */
export type OptionSet =
  | "servertype"
  | "credentialretrieval"
  | "authenticationprotocol"
  | "approval"
  | "teststatus"
  | "accessmode"
  | "azurestate"
  | "statecode"
  | "incomingdelivery"
  | "outgoingdelivery"
  | "actdelivery";

/**
 * A value as read from Dataverse: server text (always rendered as text, never as HTML), null for an
 * empty column, an option value, a date (ISO), a flag, or unknown (the column was not returned).
 */
export type EvidenceValue =
  | string
  | null
  | { option: OptionSet; value: number }
  | { date: string }
  | { flag: boolean }
  | { unknown: true };

/** A fact from the data that supports the conclusion. */
export interface Evidence {
  /** `table.column`, e.g. `mailbox.emailaddress`, or `tracelog.text` for an alert. */
  field: string;
  value: EvidenceValue;
}

export interface LinkRef {
  label: Message;
  /** Absolute URL. Learn URLs are written with `/en-us/`; the presenter swaps in the user's locale. */
  url: string;
}

export interface Finding {
  rule: RuleId;
  cause: Cause;
  status: Status;
  /** Why this status, for this mailbox. */
  detail: Message;
  evidence: Evidence[];
  /** What to do, as steps. Empty for `ok` and `not-applicable`. */
  fix: Message[];
  links: LinkRef[];
}

export interface Verdict {
  /** The worst status among the findings; `ok` when every finding is `ok` or `not-applicable`. */
  status: Status;
  problems: number;
  warnings: number;
  unverified: number;
}

export function verdictOf(findings: readonly Finding[]): Verdict {
  const count = (status: Status): number => findings.filter((f) => f.status === status).length;
  const worst = STATUS_ORDER.find((status) => findings.some((f) => f.status === status));
  return {
    status: !worst || worst === "not-applicable" ? "ok" : worst,
    problems: count("problem"),
    warnings: count("warning"),
    unverified: count("unverified"),
  };
}
