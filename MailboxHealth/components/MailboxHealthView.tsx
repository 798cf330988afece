import * as React from "react";
import { DefaultButton, MessageBar, MessageBarType, Spinner, SpinnerSize, useTheme } from "@fluentui/react";
import type { DataError } from "../model/snapshot";
import type { Finding, Status } from "../model/finding";
import type { CheckState } from "../diagnosis/controller";
import type { DiagnosisResult } from "../diagnosis/diagnose";
import type { Localizer } from "../i18n/localize";
import { verdictText } from "../i18n/verdictText";
import { AlertList } from "./AlertList";
import { CollapsibleSection } from "./CollapsibleSection";
import { EmailField } from "./EmailField";
import type { EmailFieldProps } from "./EmailField";
import { FindingCard } from "./FindingCard";
import { getStyles } from "./styles";

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
}

const MAX_ALERTS = 5;

function resultOf(state: CheckState): DiagnosisResult | undefined {
  if (state.phase === "done") return state.result;
  if (state.phase === "idle") return undefined;
  return state.previous;
}

function failureText(l: Localizer, error: DataError, tableUnknown = false): string {
  if (tableUnknown && error.kind !== "offline" && error.kind !== "throttled") {
    return l.text("State_TableUnknown", { reason: l.text(`DataError_${error.kind}`) });
  }
  if (error.kind === "offline") return l.text("State_Offline");
  if (error.kind === "not-found") return l.text("State_NotFound");
  if (error.kind === "throttled") return l.text("State_Throttled", { seconds: error.retryAfterSeconds ?? 30 });
  return l.text("State_Failed", { reason: l.text(`DataError_${error.kind}`) });
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

function HealthPanel(props: MailboxHealthViewProps & { styles: ReturnType<typeof getStyles> }) {
  const { l, state, styles, onCheck, mailboxName } = props;
  const result = resultOf(state);
  const checking = state.phase === "checking";
  const checkedAt = state.phase === "idle" ? undefined : state.checkedAt;
  const verdict = result ? verdictText(l, result.verdict) : undefined;
  const announcement =
    state.phase === "done" && verdict
      ? l.text("Announce_Result", { verdict })
      : state.phase === "failed"
        ? failureText(l, state.error, state.tableUnknown)
        : checking
          ? l.text("Status_Checking")
          : "";
  const unsaved =
    !!result &&
    !props.field.masked &&
    typeof result.snapshot.mailbox.emailAddress === "string" &&
    props.field.value.trim().toLowerCase() !== result.snapshot.mailbox.emailAddress.trim().toLowerCase();

  return (
    <section aria-label={l.text("Panel_Label")} className={styles.section}>
      <div className={styles.header}>
        <div>
          <h3 className={styles.verdict} data-testid="verdict" data-status={result?.verdict.status ?? ""}>
            {verdict ?? l.text(checking ? "Status_Checking" : state.phase === "failed" ? "Status_NotChecked" : "Status_OnDemand")}
          </h3>
          {checkedAt && <div className={styles.meta}>{l.text("Status_CheckedAt", { time: l.time(checkedAt) })}</div>}
        </div>
        <div className={styles.actions}>
          <DefaultButton
            text={result ? l.text("Action_Recheck") : l.text("Action_Check")}
            ariaLabel={l.text(result ? "Action_Recheck_Label" : "Action_Check_Label", { name: mailboxName })}
            onClick={onCheck}
            disabled={checking}
            aria-busy={checking}
            onRenderIcon={checking ? () => <Spinner size={SpinnerSize.xSmall} /> : undefined}
          />
          {props.actions}
        </div>
      </div>
      {props.panel}
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.hidden} data-testid="announcement">
        {announcement}
      </div>
      {state.phase === "failed" && (
        <MessageBar
          messageBarType={state.error.kind === "offline" || state.error.kind === "throttled" ? MessageBarType.warning : MessageBarType.error}
          isMultiline
          actions={
            <div>
              <DefaultButton text={l.text("Action_Retry")} onClick={onCheck} />
            </div>
          }
        >
          {failureText(l, state.error, state.tableUnknown)}
        </MessageBar>
      )}
      {unsaved && (
        <MessageBar messageBarType={MessageBarType.info} isMultiline>
          {l.text("Field_Unsaved")}
        </MessageBar>
      )}
      {result && <Findings {...props} result={result} />}
    </section>
  );
}

function Findings(props: MailboxHealthViewProps & { styles: ReturnType<typeof getStyles>; result: DiagnosisResult }) {
  const { l, styles, result, clientUrl, onOpenRecord, showPassed, showAlerts } = props;
  const by = (status: Status): Finding[] => result.findings.filter((f) => f.status === status);
  const card = (f: Finding, compact = false) => (
    <FindingCard key={f.rule} finding={f} l={l} styles={styles} clientUrl={clientUrl} onOpenRecord={onOpenRecord} compact={compact} />
  );
  const groups: [Status, string][] = [
    ["problem", "Section_Problems"],
    ["warning", "Section_Warnings"],
    ["unverified", "Section_Unverified"],
  ];
  const passed = by("ok");
  const notApplicable = by("not-applicable");
  const alerts = result.snapshot.alerts;
  return (
    <>
      {groups.map(([status, title]) => {
        const list = by(status);
        if (list.length === 0) return null;
        return (
          <section key={status} className={styles.section} data-testid={`section-${status}`}>
            <h4 className={styles.sectionTitle}>{l.text(title)}</h4>
            <ul className={styles.list}>{list.map((f) => card(f))}</ul>
          </section>
        );
      })}
      {passed.length > 0 && (
        <CollapsibleSection id="mbxh-passed" title={l.text("Section_Passed", { n: passed.length })} initiallyOpen={showPassed} styles={styles}>
          <ul className={styles.list} data-testid="section-ok">
            {passed.map((f) => card(f, true))}
          </ul>
        </CollapsibleSection>
      )}
      {notApplicable.length > 0 && (
        <CollapsibleSection
          id="mbxh-not-applicable"
          title={l.text("Section_NotApplicable", { n: notApplicable.length })}
          initiallyOpen={showPassed}
          styles={styles}
        >
          <ul className={styles.list} data-testid="section-not-applicable">
            {notApplicable.map((f) => card(f, true))}
          </ul>
        </CollapsibleSection>
      )}
      {showAlerts && (
        <section className={styles.section} data-testid="alerts">
          <h4 className={styles.sectionTitle}>{l.text("Section_Alerts")}</h4>
          {result.alerts401 ? (
            <AlertList alerts={result.alerts401.slice(0, MAX_ALERTS)} l={l} styles={styles} />
          ) : (
            <p className={styles.meta}>{l.text("Alerts_Unreadable", { reason: l.text(`DataError_${alerts.ok ? "failed" : alerts.error.kind}`) })}</p>
          )}
        </section>
      )}
    </>
  );
}
