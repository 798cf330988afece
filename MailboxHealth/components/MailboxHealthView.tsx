import * as React from "react";
import { DefaultButton, Link, MessageBar, MessageBarType, Spinner, SpinnerSize, useTheme } from "@fluentui/react";
import type { DataError } from "../model/snapshot";
import type { Status } from "../model/finding";
import type { CheckState } from "../diagnosis/controller";
import type { DiagnosisResult } from "../diagnosis/diagnose";
import type { Localizer } from "../i18n/localize";
import { verdictText } from "../i18n/verdictText";
import { present } from "../presentation/present";
import type { Lead, Presentation, UnreadableData } from "../presentation/present";
import { AlertList } from "./AlertList";
import { Disclosures } from "./CollapsibleSection";
import type { Disclosure } from "./CollapsibleSection";
import { EmailField } from "./EmailField";
import type { EmailFieldProps } from "./EmailField";
import { ARTICLE_401, FindingCard } from "./FindingCard";
import { learnUrl } from "../i18n/localize";
import { StatusIcon } from "./StatusIcon";
import { getStyles, statusColor } from "./styles";
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
}

const MAX_ALERTS = 5;

/** The shared step as it reads when the control's own Test & Enable can be used. */
const IN_CONTROL: Record<string, string> = {
  Fix_TestEnable: "Fix_TestEnableInControl",
  Fix_SaveAndTestEnable: "Fix_SaveAndTestEnableInControl",
};

function resultOf(state: CheckState): DiagnosisResult | undefined {
  if (state.phase === "done") return state.result;
  if (state.phase === "idle") return undefined;
  return state.previous;
}

function failureText(l: Localizer, error: DataError, tableUnknown = false, secondsLeft?: number): string {
  if (tableUnknown && error.kind !== "offline" && error.kind !== "throttled") {
    return l.text("State_TableUnknown", { reason: l.text(`DataError_${error.kind}`) });
  }
  if (error.kind === "offline") return l.text("State_Offline");
  if (error.kind === "not-found") return l.text("State_NotFound");
  if (error.kind === "throttled") {
    const seconds = secondsLeft ?? error.retryAfterSeconds ?? 30;
    return seconds > 0 ? l.text("State_Throttled", { seconds }) : l.text("State_ThrottledOver");
  }
  return l.text("State_Failed", { reason: l.text(`DataError_${error.kind}`) });
}

/** Seconds left of a Retry-After, counted down once a second while the failure is on screen. */
function useCountdown(state: CheckState): number | undefined {
  const seconds = state.phase === "failed" && state.error.kind === "throttled" ? (state.error.retryAfterSeconds ?? 30) : undefined;
  const leftHook = React.useState(seconds);
  const setLeft = leftHook[1];
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
  return leftHook[0];
}

/** The whole control: the email field, then the diagnosis. Renders props; holds only UI state. */
export function MailboxHealthView(props: MailboxHealthViewProps) {
  const { l, field, availability, narrow } = props;
  const theme = useTheme();
  const styles = React.useMemo(() => getStyles(theme, narrow), [theme, narrow]);
  return (
    <div className={styles.root} data-testid="mailbox-health">
      <EmailField l={l} {...field} />
      {availability.kind === "not-saved" && (
        <MessageBar messageBarType={MessageBarType.info} isMultiline>
          {l.text("State_NotSaved")}
        </MessageBar>
      )}
      {availability.kind === "wrong-table" && (
        <MessageBar messageBarType={MessageBarType.info} isMultiline>
          {l.text("State_WrongTable", { table: availability.table })}
        </MessageBar>
      )}
      {availability.kind === "ready" && <HealthPanel {...props} styles={styles} />}
    </div>
  );
}

const HEAD_CLASS: Record<Status, "headProblem" | "headWarning" | "headUnverified" | "headOk"> = {
  problem: "headProblem",
  warning: "headWarning",
  unverified: "headUnverified",
  ok: "headOk",
  "not-applicable": "headOk",
};

/** "Cause 2: Exchange Server (Hybrid) profile used for an Exchange Online mailbox" / "No problems found". */
export function headlineText(l: Localizer, lead: Lead | undefined, status: Status = "ok"): string {
  if (!lead) return l.text(status === "unverified" ? "Headline_Incomplete" : "Verdict_None");
  const f = lead.finding;
  if (f.status === "unverified") return l.text("Headline_Unverified", { check: l.text(`Rule_${f.rule}_Title`) });
  const problem = l.text(`Headline_${f.rule}`);
  return f.cause !== null ? l.text("Headline_Cause", { cause: f.cause, problem }) : problem;
}

function whyText(l: Localizer, lead: Lead | undefined, problems: number): string | undefined {
  if (!lead) return undefined;
  if (lead.why === "matching-alert" && lead.alert) {
    const when = lead.alert.modifiedOn ?? lead.alert.createdOn;
    return l.text("Why_MatchingAlert", { time: when instanceof Date ? l.date(when.toISOString()) : l.text("Value_Unknown") });
  }
  const key = { "article-cause": "Why_ArticleCause", "only-problem": "Why_OnlyProblem", "first-problem": "Why_FirstProblem", warning: "Why_Warning", unverified: "Why_Unverified", "matching-alert": "Why_OnlyProblem", "before-change": "Why_BeforeChange" }[lead.why];
  return l.text(key, { n: problems });
}

function HealthPanel(props: MailboxHealthViewProps & { styles: Styles }) {
  const { l, state, styles, onCheck, mailboxName } = props;
  const theme = useTheme();
  const result = resultOf(state);
  const checking = state.phase === "checking";
  const failed = state.phase === "failed";
  const checkedAt = state.phase === "idle" ? undefined : state.checkedAt;
  const secondsLeft = useCountdown(state);
  const presentation = React.useMemo(
    () => (result ? present(result.findings, result.snapshot, { recent401: (result.alerts401 ?? []).filter((a) => !a.history).map((a) => a.alert) }) : undefined),
    [result],
  );
  const status: Status = result?.verdict.status ?? "not-applicable";
  const headline = result ? headlineText(l, presentation?.lead, result.verdict.status) : undefined;
  const counts = result ? verdictText(l, result.verdict) : undefined;
  const announcement =
    state.phase === "done" && counts
      ? l.text("Announce_Result", { verdict: headline && headline !== counts ? `${headline}. ${counts}` : (counts ?? "") })
      : state.phase === "failed"
        ? failureText(l, state.error, state.tableUnknown)
        : checking
          ? l.text("Status_Checking")
          : "";
  const checkedAddress = result?.snapshot.mailbox.emailAddress;
  const otherAddress =
    !!result &&
    !props.field.masked &&
    typeof checkedAddress === "string" &&
    props.field.value.trim().toLowerCase() !== checkedAddress.trim().toLowerCase();
  const why = result && presentation ? whyText(l, presentation.lead, result.verdict.problems) : undefined;
  const lead = presentation?.lead;
  const article = !props.narrow && lead && lead.finding.cause !== null && lead.finding.status === "problem";
  const meta =
    checkedAt || article ? (
      <div className={styles.meta}>
        {checkedAt && l.text(failed ? "Status_LastCheckedAt" : "Status_CheckedAt", { time: l.time(checkedAt) })}
        {checkedAt && article && " · "}
        {article && (
          <Link href={learnUrl(ARTICLE_401, l.learnLocale)} target="_blank" rel="noopener noreferrer">
            {l.text("View_CauseLink", { cause: lead.finding.cause ?? "" })}
          </Link>
        )}
      </div>
    ) : undefined;
  const button = (
    <DefaultButton
      text={failed ? l.text("Action_Retry") : result ? l.text("Action_Recheck") : l.text("Action_Check")}
      ariaLabel={failed ? undefined : l.text(result ? "Action_Recheck_Label" : "Action_Check_Label", { name: mailboxName })}
      onClick={onCheck}
      disabled={checking}
      aria-busy={checking}
      onRenderIcon={checking ? () => <Spinner size={SpinnerSize.xSmall} /> : undefined}
    />
  );
  // Recheck, then the actions that write (Test & Enable, Approve email) beside it.
  const buttons = (
    <div className={styles.actions}>
      {button}
      {props.actions}
    </div>
  );

  const headIcon = result && (
    <span className={styles.headIcon}>
      <StatusIcon status={status} color={statusColor(theme, status)} inner={theme.semanticColors.bodyBackground} size={20} />
    </span>
  );

  return (
    <section aria-label={l.text("Panel_Label")}>
      <div className={result ? styles[HEAD_CLASS[status]] : styles.headNone} data-testid="headline">
        {/* At 300 px the icon sits in the verdict's first line and the time runs on after the reason: the text takes the whole width. */}
        <div className={styles.headRow}>
          {!props.narrow && headIcon}
          <div className={styles.headText}>
            <h3 className={styles.verdict} data-testid="verdict" data-status={result?.verdict.status ?? ""}>
              {props.narrow && headIcon}
              {headline ?? l.text(checking ? "Status_Checking" : failed ? "Status_NotChecked" : "Status_OnDemand")}
            </h3>
            {why && <div className={styles.headWhy}>{why}</div>}
            {/* The verdict takes the whole width; the buttons go under it, beside the time at 640 px, below it at 300 px. */}
            {(meta !== undefined || !props.narrow) && (
              <div className={styles.headFoot}>
                {meta ?? <div />}
                {!props.narrow && buttons}
              </div>
            )}
          </div>
        </div>
        {props.narrow && buttons}
      </div>
      {props.panel}
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="announcement">
        {announcement}
      </div>
      {state.phase === "failed" && (
        <div className={styles.note}>
          <MessageBar messageBarType={state.error.kind === "offline" || state.error.kind === "throttled" ? MessageBarType.warning : MessageBarType.error} isMultiline>
            <span>{failureText(l, state.error, state.tableUnknown, secondsLeft)}</span>
            {result && checkedAt && <span> {l.text("State_ShowingPrevious", { time: l.time(checkedAt) })}</span>}
          </MessageBar>
        </div>
      )}
      {otherAddress && (
        <div className={styles.note}>
          <MessageBar messageBarType={MessageBarType.info} isMultiline>
            {l.text("Field_Unsaved", { address: checkedAddress })}
          </MessageBar>
        </div>
      )}
      {result && presentation && <Findings {...props} result={result} presentation={presentation} />}
    </section>
  );
}

function Findings(props: MailboxHealthViewProps & { styles: Styles; result: DiagnosisResult; presentation: Presentation }) {
  const { l, styles, result, presentation: p, clientUrl, onOpenRecord, showPassed, showAlerts } = props;
  const alerts = result.snapshot.alerts;
  const listedAlerts = showAlerts && result.alerts401 ? result.alerts401.slice(0, MAX_ALERTS).map((a) => a.alert) : undefined;
  const mailboxId = result.snapshot.mailbox.id;
  const firstOpen = p.list.find((f) => f.status === "problem") ?? (p.list.length === 1 ? p.list[0] : undefined);
  const card = (f: (typeof p.list)[number], compact = false) => (
    <FindingCard
      key={f.rule}
      finding={f}
      l={l}
      styles={styles}
      clientUrl={clientUrl}
      mailboxId={mailboxId}
      presentation={p}
      listedAlerts={listedAlerts}
      initiallyOpen={f === firstOpen}
      narrow={props.narrow}
      lead={f === p.lead?.finding ? p.lead.why : undefined}
      articleInHeadline={!props.narrow}
      onOpenRecord={onOpenRecord}
      compact={compact}
      testStep={props.testStep}
    />
  );
  const newest = result.alerts401?.[0];
  const newestWhen = newest ? (newest.alert.modifiedOn ?? newest.alert.createdOn) : undefined;
  const disclosures: Disclosure[] = [];
  if (p.passed.length > 0) {
    disclosures.push({
      id: "mbxh-passed",
      title: l.text("View_Passed", { n: p.passed.length }),
      initiallyOpen: showPassed,
      content: (
        <ul className={styles.list} data-testid="section-ok">
          {p.passed.map((f) => card(f, true))}
        </ul>
      ),
    });
  }
  if (p.notApplicable.length > 0) {
    disclosures.push({
      id: "mbxh-not-applicable",
      title: l.text("Section_NotApplicable", { n: p.notApplicable.length }),
      initiallyOpen: showPassed,
      content: (
        <ul className={styles.list} data-testid="section-not-applicable">
          {p.notApplicable.map((f) => card(f, true))}
        </ul>
      ),
    });
  }
  if (showAlerts && result.alerts401 && result.alerts401.length > 0) {
    disclosures.push({
      id: "mbxh-alerts",
      title: l.text("Alerts_Toggle", {
        n: result.alerts401.length,
        time: newestWhen instanceof Date ? l.date(newestWhen.toISOString()) : l.text("Value_Unknown"),
      }),
      initiallyOpen: false,
      content: (
        <div data-testid="alert-list">
          <AlertList alerts={result.alerts401.slice(0, MAX_ALERTS)} l={l} styles={styles} />
        </div>
      ),
    });
  }
  const noAlerts = showAlerts && !(result.alerts401 && result.alerts401.length > 0);
  return (
    <>
      {p.list.length > 0 && (
        <section className={styles.section} data-testid="findings">
          <h4 className={styles.hidden}>{l.text("Section_Findings")}</h4>
          <ul className={styles.list}>{p.list.map((f) => card(f))}</ul>
        </section>
      )}
      {p.ifRemains.length > 0 && (
        <section className={styles.section} data-testid="if-remains">
          <h4 className={styles.sectionTitle}>{l.text("Section_IfRemains")}</h4>
          <ul className={styles.list}>{p.ifRemains.map((f) => card(f))}</ul>
        </section>
      )}
      {p.unreadable.map((u) => (
        <UnreadableCard key={u.data} data={u} l={l} styles={styles} />
      ))}
      {p.sharedStep && (
        <div className={styles.note} data-testid="shared-step">
          <strong>{l.text("Section_AfterFix")}</strong>{" "}
          {l.message(props.testInControl && IN_CONTROL[p.sharedStep.key] ? { key: IN_CONTROL[p.sharedStep.key] } : p.sharedStep)}
        </div>
      )}
      <div data-testid="alerts" className={styles.section}>
        <Disclosures styles={styles} items={disclosures} extra={props.report} />
        {noAlerts && (
          <div className={styles.meta}>
            {result.alerts401 ? l.text("Alerts_None") : l.text("Alerts_Unreadable", { reason: l.text(`DataError_${alerts.ok ? "failed" : alerts.error.kind}`) })}
          </div>
        )}
      </div>
    </>
  );
}

/** One card per table that could not be read: the privilege the error names and the checks it blocks. */
function UnreadableCard({ data, l, styles }: { data: UnreadableData; l: Localizer; styles: Styles }) {
  const theme = useTheme();
  const what = l.text(`Data_${data.data}`);
  return (
    <section className={styles.unreadable} data-testid={`unreadable-${data.data}`} aria-label={l.text("Unreadable_Title", { data: what })}>
      <h4 className={styles.sectionTitle}>{l.text("Unreadable_Title", { data: what })}</h4>
      <div className={styles.why}>
        {data.privilege ? (
          <>
            {l.text("Unreadable_Privilege")} <code className={styles.code}>{data.privilege}</code>
          </>
        ) : (
          l.text("Unreadable_Reason", { reason: l.text(`DataError_${data.error?.kind ?? "failed"}`) })
        )}
      </div>
      <div className={styles.label}>{l.text("Unreadable_Blocks")}</div>
      <ul className={styles.inline}>
        {data.findings.map((f) => (
          <li key={f.rule} data-rule={f.rule} data-status={f.status} className={styles.rowHead}>
            <span className={styles.rowIcon}>
              <StatusIcon status={f.status} color={statusColor(theme, f.status)} inner={theme.semanticColors.bodyBackground} size={14} />
            </span>
            {l.text(`Rule_${f.rule}_Title`)}
          </li>
        ))}
      </ul>
      <div className={styles.why}>{data.privilege ? l.text("Unreadable_Fix", { privilege: data.privilege }) : l.text("Unreadable_FixNoName")}</div>
    </section>
  );
}
