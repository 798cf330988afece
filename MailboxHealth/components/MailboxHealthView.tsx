/** @jsx h */
/** @jsxFrag Fragment */
/* eslint-disable @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13; here `||` reads the same. */
import * as React from "react";
import { Fragment, h, pascal } from "./jsx";
import { DefaultButton, MessageBar, Spinner, useTheme } from "@fluentui/react";
import type { AlertFacts, DataError } from "../model/snapshot";
import type { Finding, Status } from "../model/finding";
import type { CheckState } from "../diagnosis/controller";
import type { DiagnosisResult } from "../diagnosis/diagnose";
import type { Localizer } from "../i18n/localize";
import { verdictText } from "../i18n/verdictText";
import { present } from "../presentation/present";
import { normalizeAddress } from "../rules/finding";
import type { Lead, Presentation } from "../presentation/present";
import { Disclosures } from "./CollapsibleSection";
import type { Disclosure } from "./CollapsibleSection";
import { EmailField } from "./EmailField";
import type { EmailFieldProps } from "./EmailField";
import { alertTime, causeLink, FindingCard } from "./FindingCard";
import { StatusIcon } from "./StatusIcon";
import { getStyles } from "./styles";
import type { Styles } from "./styles";

export type Availability = { kind: "ready" } | { kind: "not-saved" } | { kind: "wrong-table"; table: string };

export interface MailboxHealthViewProps {
  l: Localizer;
  field: Omit<EmailFieldProps, "l">;
  availability: Availability;
  state: CheckState;
  mailboxName: string;
  showPassed: boolean;
  showAlerts: boolean;
  narrow: boolean;
  clientUrl: string | null;
  onCheck: () => void;
  onOpenRecord?: (url: string) => boolean;
  /** Buttons beside Recheck (Test & Enable, Approve email). */
  actions?: React.ReactNode;
  /** Below the verdict: the confirmation, the wait and the outcome of an action. */
  panel?: React.ReactNode;
  /** Test & Enable can be started from this control: the shared step points to its button. */
  testInControl?: boolean;
  /** Copy report, at the end of the line of disclosures. */
  report?: React.ReactNode;
  /** The control's Test & Enable as the last step of each open finding whose fix ends with a test. */
  testStep?: React.ReactNode;
  /** The control's Approve email in place of the step that says to select it on the command bar. */
  approveStep?: React.ReactNode;
}

/** What the findings and their cards read: the view's props, the result shown and how it is presented. */
export type FindingsProps = MailboxHealthViewProps & {
  styles: Styles;
  result: DiagnosisResult;
  presentation: Presentation;
  /** Alerts the alert list shows: evidence refers to them instead of repeating their text. */
  listedAlerts?: readonly AlertFacts[];
};

const MAX_ALERTS = 5;

/** The result on screen: the new one when done, the previous one while checking or after a failure. */
export function resultOf(state: CheckState): DiagnosisResult | undefined {
  return state.phase === "done" ? state.result : state.phase === "idle" ? undefined : state.previous;
}

type Failed = Extract<CheckState, { phase: "failed" }>;

/** Retry-After is kept only when above 0. */
const retryOf = (error: DataError) => error.retryAfterSeconds || 30;

function failureText(l: Localizer, { error, tableUnknown }: Failed, secondsLeft?: number): string {
  const kind = error.kind;
  if (kind === "offline") return l.text("State_Offline");
  if (kind === "throttled") {
    const seconds = secondsLeft === undefined ? retryOf(error) : secondsLeft;
    return seconds > 0 ? l.text("State_Throttled", { seconds }) : l.text("State_ThrottledOver");
  }
  if (kind === "not-found" && !tableUnknown) return l.text("State_NotFound");
  return l.text(tableUnknown ? "State_TableUnknown" : "State_Failed", { reason: l.text(`DataError_${kind}`) });
}

/** Seconds left of a Retry-After, counted down once a second while the failure is on screen. */
function useCountdown(state: CheckState): number | undefined {
  const seconds = state.phase === "failed" && state.error.kind === "throttled" ? retryOf(state.error) : undefined;
  const [left, setLeft] = React.useState(seconds);
  React.useEffect(() => {
    setLeft(seconds);
    if (seconds === undefined) return undefined;
    const started = Date.now();
    const timer = setInterval(() => {
      const next = Math.max(0, seconds - Math.floor((Date.now() - started) / 1000));
      setLeft(next);
      if (next === 0) clearInterval(timer);
    }, 1000);
    return () => clearInterval(timer);
  }, [state, seconds]);
  return left;
}

/** "Cause 2: Exchange Server (Hybrid) profile used for an Exchange Online mailbox" / "No problems found". */
function headlineText(l: Localizer, lead: Lead | undefined, status: Status): string {
  if (!lead) return l.text(status === "unverified" ? "Headline_Incomplete" : "Verdict_None");
  const f = lead.finding;
  if (f.status === "unverified") return l.text("Headline_Unverified", { check: l.text(`Rule_${f.rule}_Title`) });
  const problem = l.text(`Headline_${f.rule}`);
  return f.cause !== null ? l.text("Headline_Cause", { cause: f.cause, problem }) : problem;
}

/** `Why_<Kind>`: "only-problem" → Why_OnlyProblem; a matching alert not at hand reads as the only problem. */
function whyText(l: Localizer, lead: Lead, problems: number): string {
  const why = lead.why === "matching-alert" ? "only-problem" : lead.why;
  return lead.alert && why !== lead.why
    ? l.text("Why_MatchingAlert", { time: alertTime(l, lead.alert) })
    : l.text(`Why_${pascal(why)}`, { n: problems });
}

/**
 * The whole control: the email field, then the diagnosis (for a saved mailbox). Renders props; holds only
 * UI state.
 */
export function MailboxHealthView(props: MailboxHealthViewProps) {
  const { l, availability, state, narrow } = props;
  const theme = useTheme();
  const styles = React.useMemo(() => getStyles(theme, narrow), [theme, narrow]);
  const result = resultOf(state);
  const checking = state.phase === "checking";
  const failed = state.phase === "failed";
  const checkedAt = state.phase === "idle" ? undefined : state.checkedAt;
  const secondsLeft = useCountdown(state);
  const presentation = React.useMemo(
    () => result && present(result.findings, result.snapshot, { recent401: (result.alerts401 || []).filter((a) => !a.history).map((a) => a.alert) }),
    [result],
  );
  let status: Status = "not-applicable";
  let headline = l.text(checking ? "Status_Checking" : failed ? "Status_NotChecked" : "Status_OnDemand");
  let why: string | undefined;
  let announcement = checking ? headline : "";
  let otherAddress: string | undefined;
  let cause: number | null = null;
  if (result && presentation) {
    const verdict = result.verdict;
    status = verdict.status;
    const lead = presentation.lead;
    headline = headlineText(l, lead, status);
    if (lead) {
      why = whyText(l, lead, verdict.problems);
      if (!narrow && lead.finding.status === "problem") cause = lead.finding.cause;
    }
    const counts = verdictText(l, verdict);
    if (state.phase === "done" && counts) announcement = l.text("Announce_Result", { verdict: headline !== counts ? `${headline}. ${counts}` : counts });
    const checked = result.snapshot.mailbox.emailAddress;
    const field = props.field;
    if (!field.masked && typeof checked === "string" && normalizeAddress(field.value) !== normalizeAddress(checked)) otherAddress = checked;
  }
  if (failed) announcement = failureText(l, state);
  // When it was checked and the article on the lead's cause; an empty box keeps the buttons to the right.
  const hasMeta = !!checkedAt || cause !== null;
  const meta = (
    <div className={hasMeta ? styles.meta : undefined}>
      {checkedAt && l.text(failed ? "Status_LastCheckedAt" : "Status_CheckedAt", { time: l.time(checkedAt) })}
      {checkedAt && cause !== null && " · "}
      {cause !== null && causeLink(l, cause)}
    </div>
  );
  // Recheck, then the actions that write (Test & Enable, Approve email) beside it.
  const buttons = (
    <div className={styles.actions}>
      <DefaultButton
        text={l.text(failed ? "Action_Retry" : result ? "Action_Recheck" : "Action_Check")}
        ariaLabel={failed ? undefined : l.text(result ? "Action_Recheck_Label" : "Action_Check_Label", { name: props.mailboxName })}
        onClick={props.onCheck}
        // Also while a Retry-After counts down: the message says when to try again, and an earlier request
        // would only be refused again.
        disabled={checking || !!secondsLeft}
        // Focus stays on the button while it checks: browsers move focus off an element that turns disabled.
        allowDisabledFocus
        aria-busy={checking}
        onRenderIcon={checking ? () => <Spinner size={0} /> : undefined}
      />
      {props.actions}
    </div>
  );

  const headIcon = result && (
    <span className={styles.headIcon}>
      <StatusIcon status={status} size={20} />
    </span>
  );
  return (
    <div className={styles.root} data-testid="mailbox-health">
      <EmailField l={l} {...props.field} />
      {availability.kind === "ready" ? (
        <section aria-label={l.text("Panel_Label")}>
          <div className={styles[result ? (status === "not-applicable" ? "ok" : status) : "headNone"]} data-testid="headline">
            {/* At 300 px the icon sits in the verdict's first line and the time runs on after the reason: the text takes the whole width. */}
            <div className={styles.headRow}>
              {!narrow && headIcon}
              <div className={styles.headText}>
                <h3 className={styles.verdict} data-testid="verdict" data-status={result ? status : ""}>
                  {narrow && headIcon}
                  {headline}
                </h3>
                {why && <div className={styles.headWhy}>{why}</div>}
                {/* The verdict takes the whole width; the buttons go under it, beside the time at 640 px, below it at 300 px. */}
                {(!narrow || hasMeta) && (
                  <div className={styles.headFoot}>
                    {meta}
                    {!narrow && buttons}
                  </div>
                )}
              </div>
            </div>
            {narrow && buttons}
          </div>
          {props.panel}
          <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="announcement">
            {announcement}
          </div>
          {/* MessageBarType info 0, error 1, warning 5 (the enum's names would be property reads in the bundle). */}
          {failed && (
            <div className={styles.note}>
              <MessageBar messageBarType={state.error.kind === "offline" || state.error.kind === "throttled" ? 5 : 1} isMultiline>
                <span>{failureText(l, state, secondsLeft)}</span>
                {result && checkedAt && <span> {l.text("State_ShowingPrevious", { time: l.time(checkedAt) })}</span>}
              </MessageBar>
            </div>
          )}
          {otherAddress && (
            <div className={styles.note}>
              <MessageBar messageBarType={0} isMultiline>
                {l.text("Field_Unsaved", { address: otherAddress })}
              </MessageBar>
            </div>
          )}
          {result && presentation && findings({ ...props, styles, result, presentation })}
        </section>
      ) : (
        <MessageBar isMultiline>
          {availability.kind === "wrong-table" ? l.text("State_WrongTable", { table: availability.table }) : l.text("State_NotSaved")}
        </MessageBar>
      )}
    </div>
  );
}

/** The findings, the unreadable data, the shared step and the disclosures (no hooks: called as a function). */
function findings(v: FindingsProps) {
  const { l, styles, result, presentation: p, showAlerts } = v;
  const alerts401 = result.alerts401 || [];
  const shownAlerts = alerts401.slice(0, MAX_ALERTS);
  // v is this render's own object: the cards read the alerts listed from it.
  v.listedAlerts = showAlerts ? shownAlerts.map((a) => a.alert) : undefined;
  const firstOpen = p.list.find((f) => f.status === "problem") || (p.list.length === 1 ? p.list[0] : undefined);
  const cards = (list: Finding[], compact?: boolean) => list.map((f) => <FindingCard key={f.rule} finding={f} v={v} initiallyOpen={f === firstOpen} compact={compact} />);
  const disclosures: Disclosure[] = [];
  // The checks passed and those not applicable, each under a disclosure named after its status.
  const group = (status: Status, title: string, list: Finding[]) => {
    if (list.length > 0) {
      disclosures.push({
        id: `mbxh-${status}`,
        title: l.text(title, { n: list.length }),
        initiallyOpen: v.showPassed,
        content: (
          <ul className={styles.list} data-testid={`section-${status}`}>
            {cards(list, true)}
          </ul>
        ),
      });
    }
  };
  group("ok", "View_Passed", p.passed);
  group("not-applicable", "Section_NotApplicable", p.notApplicable);
  if (showAlerts && alerts401.length > 0) {
    disclosures.push({
      id: "mbxh-alerts",
      title: l.text("Alerts_Toggle", { n: alerts401.length }),
      initiallyOpen: false,
      // The latest alerts that carry a 401, with their time; those before the last successful Test & Enable
      // are marked as history, those before the latest change to the mailbox, profile or owner as such.
      // Alert text is server text: rendered as text.
      content: (
        <ul className={styles.list} data-testid="alert-list">
          {shownAlerts.map(({ alert: a, history, beforeChange }) => (
            <li key={`${a.about}-${a.id}`} className={styles.alert} data-history={history}>
              <div className={styles.alertTime}>
                {alertTime(l, a)} · {l.text(`Alert_About_${a.about}`)}
                {history ? ` · ${l.text("Alert_History")}` : beforeChange && ` · ${l.text("Alert_BeforeChange")}`}
              </div>
              <div>{a.text}</div>
            </li>
          ))}
        </ul>
      ),
    });
  }
  const alertsRead = result.snapshot.alerts;
  const shared = p.sharedStep;
  return (
    <>
      {/* The open findings, and those to check if the problem remains; the first titled for screen readers only. */}
      {p.list.length > 0 && (
        <section className={styles.section} data-testid="findings">
          <h4 className={styles.hidden}>{l.text("Section_Findings")}</h4>
          <ul className={styles.list}>{cards(p.list)}</ul>
        </section>
      )}
      {p.ifRemains.length > 0 && (
        <section className={styles.section} data-testid="if-remains">
          <h4 className={styles.sectionTitle}>{l.text("Section_IfRemains")}</h4>
          <ul className={styles.list}>{cards(p.ifRemains)}</ul>
        </section>
      )}
      {p.unreadable.map((u) => {
        // One card per table that could not be read: the privilege the error names and the checks it blocks.
        const title = l.text("Unreadable_Title", { data: l.text(`Data_${u.data}`) });
        const privilege = u.privilege;
        return (
          <section key={u.data} className={styles.unreadable} data-testid={`unreadable-${u.data}`} aria-label={title}>
            <h4 className={styles.sectionTitle}>{title}</h4>
            <div className={styles.why}>
              {privilege ? (
                <>
                  {l.text("Unreadable_Privilege")} <code className={styles.code}>{privilege}</code>
                </>
              ) : (
                l.text("Unreadable_Reason", { reason: l.text(`DataError_${u.error ? u.error.kind : "failed"}`) })
              )}
            </div>
            <div className={styles.label}>{l.text("Unreadable_Blocks")}</div>
            <ul className={styles.list}>
              {u.findings.map((f) => (
                <li key={f.rule} data-rule={f.rule} data-status={f.status} className={styles.rowHead}>
                  <span className={styles.rowIcon}>
                    <StatusIcon status={f.status} size={14} />
                  </span>
                  {l.text(`Rule_${f.rule}_Title`)}
                </li>
              ))}
            </ul>
            <div className={styles.why}>{privilege ? l.text("Unreadable_Fix", { privilege }) : l.text("Unreadable_FixNoName")}</div>
          </section>
        );
      })}
      {/* Each shared step (SHARED_STEPS) has a `<key>InControl` for when the control's own Test & Enable can be used. */}
      {shared && (
        <div className={styles.note} data-testid="shared-step">
          <strong>{l.text("Section_AfterFix")}</strong> {l.text(v.testInControl ? `${shared.key}InControl` : shared.key)}
        </div>
      )}
      <div data-testid="alerts" className={styles.section}>
        <Disclosures styles={styles} items={disclosures} extra={v.report} />
        {showAlerts && alerts401.length === 0 && (
          <div className={styles.meta}>
            {result.alerts401 ? l.text("Alerts_None") : l.text("Alerts_Unreadable", { reason: l.text(`DataError_${alertsRead.ok ? "failed" : alertsRead.error.kind}`) })}
          </div>
        )}
      </div>
    </>
  );
}
