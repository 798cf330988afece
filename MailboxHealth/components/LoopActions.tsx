/** @jsx h */
/** @jsxFrag Fragment */
import * as React from "react";
import { Fragment, h } from "./jsx";
import {
  DefaultButton,
  Dialog,
  Link,
  DialogFooter,
  DialogType,
  MessageBar,
  MessageBarType,
  PrimaryButton,
  Spinner,
  SpinnerSize,
  mergeStyles,
  hiddenContentStyle,
} from "@fluentui/react";
import type { LoopAction, LoopController, LoopNotice, LoopState } from "../diagnosis/loop";
import type { WriteBlock } from "../diagnosis/actionGate";
import type { DiagnosisResult } from "../diagnosis/diagnose";
import type { TestOutcome } from "../diagnosis/testWatcher";
import { WATCH_LIMIT_MS } from "../diagnosis/testWatcher";
import type { Localizer } from "../i18n/localize";

/**
 * Test & Enable and Approve Email on the form: the buttons, the confirmation, the wait and its outcome.
 * Renders the LoopController's state; the only writes are in LoopController.confirm().
 */

const srOnly = mergeStyles(hiddenContentStyle);

interface LoopButtonProps {
  l: Localizer;
  loop: LoopController;
  state: LoopState;
  writeBlock?: WriteBlock | null;
  checking: boolean;
}

/** The reason the actions are disabled, shown once under the verdict (LoopPanel) and referred to by each button. */
const reasonId = "mbxh-loop-blocked";
/** Disabled where the gate forbids a write, while one runs or is awaited, and during a check. */
const isDisabled = ({ state, writeBlock, checking }: LoopButtonProps) => !!writeBlock || state.writing !== null || state.waiting !== null || checking;

/**
 * Test & Enable as the last step of a finding's fix: the same confirmation and the same single write as
 * the button beside Recheck, disabled for the same reasons. A link-style button, on the step's own line.
 */
export function TestStepButton(props: LoopButtonProps) {
  const { l, loop, writeBlock } = props;
  return (
    <Link
      disabled={isDisabled(props)}
      aria-describedby={writeBlock ? reasonId : undefined}
      onClick={() => loop.ask("test")}
      data-testid="finding-test-enable"
    >
      {l.text("Loop_TestEnable")}
    </Link>
  );
}

/** The buttons beside Recheck. */
export function LoopButtons(props: LoopButtonProps & {
  mailboxName: string;
  /** Email approval is a problem: offer Approve email. */
  canApprove: boolean;
}) {
  const { l, loop, writeBlock } = props;
  const button = (action: LoopAction, key: string, id: string) => (
    <DefaultButton
      key={action}
      text={l.text(key)}
      ariaLabel={l.text(`${key}_Label`, { name: props.mailboxName })}
      aria-describedby={writeBlock ? reasonId : undefined}
      disabled={isDisabled(props)}
      onClick={() => loop.ask(action)}
      data-testid={`action-${id}`}
    />
  );
  return (
    <>
      {button("test", "Loop_TestEnable", "test-enable")}
      {props.canApprove && button("approve", "Loop_Approve", "approve")}
    </>
  );
}

/** The confirmation, the wait, the outcome and the live region; below the verdict. */
export function LoopPanel(props: {
  l: Localizer;
  loop: LoopController;
  state: LoopState;
  writeBlock?: WriteBlock | null;
  mailboxName: string;
  result: DiagnosisResult;
}) {
  const { l, loop, state, writeBlock } = props;
  // "requested 1 min ago" moves on while the wait runs.
  const tick = React.useReducer((n: number) => n + 1, 0)[1];
  const waiting = state.waiting;
  React.useEffect(() => {
    if (!waiting) return undefined;
    const timer = window.setInterval(tick, 15_000);
    return () => window.clearInterval(timer);
  }, [!waiting]);
  const notice = state.notice;
  const waitText = waiting && waitingText(l, waiting.requestedAt);
  const announcement = notice ? noticeText(l, notice) : !waiting || waiting.polls ? "" : waitText;
  return (
    <>
      {writeBlock && (
        <p id={reasonId} className={mergeStyles({ margin: 0, fontSize: 12 })} data-testid="loop-blocked">
          {l.text(`Loop_Blocked_${writeBlock}`)}
        </p>
      )}
      {state.writing && <Spinner size={SpinnerSize.xSmall} label={l.text("Loop_Writing")} labelPosition="right" />}
      {waiting && (
        <MessageBar
          messageBarType={MessageBarType.info}
          isMultiline
          data-testid="loop-waiting"
          actions={
            <div>
              <DefaultButton text={l.text("Loop_StopWaiting")} onClick={() => loop.stopWaiting()} data-testid="action-stop-waiting" />
            </div>
          }
        >
          <div>{waitText}</div>
          {waiting.paused && <div>{l.text("Loop_Paused")}</div>}
          {waiting.lastError && <div>{l.text("Loop_PollFailed", { reason: l.text(`DataError_${waiting.lastError.kind}`) })}</div>}
        </MessageBar>
      )}
      {notice && (
        <MessageBar messageBarType={noticeType(notice)} isMultiline data-testid="loop-notice" data-kind={notice.kind}>
          {announcement}
        </MessageBar>
      )}
      <div role="status" aria-live="polite" aria-atomic="true" className={srOnly} data-testid="loop-announcement">
        {announcement}
      </div>
      <ConfirmDialog {...props} action={state.confirming} />
    </>
  );
}

function ConfirmDialog(props: { l: Localizer; loop: LoopController; action: LoopAction | null; mailboxName: string; result: DiagnosisResult }) {
  const { l, loop, action, mailboxName: name, result } = props;
  const approve = action === "approve";
  const cancel = () => loop.cancel();
  const lines = approve
    ? [l.text("Loop_Dialog_ApproveText", { address: result.snapshot.mailbox.emailAddress ?? "", name }), l.text("Loop_Dialog_ApproveWho")]
    : [l.text("Loop_Dialog_TestText", { directions: directionsText(l, result), name }), l.text("Loop_Dialog_TestAsync")];
  return (
    <Dialog
      hidden={action === null}
      onDismiss={cancel}
      dialogContentProps={{ type: DialogType.normal, title: l.text(approve ? "Loop_Dialog_ApproveTitle" : "Loop_Dialog_TestTitle") }}
      modalProps={{ isBlocking: true, containerClassName: mergeStyles({ maxWidth: 480 }), firstFocusableSelector: "mbxh-confirm" }}
    >
      {lines.map((line) => (
        <p key={line} className={mergeStyles({ marginTop: 0 })}>
          {line}
        </p>
      ))}
      <DialogFooter>
        <PrimaryButton
          className="mbxh-confirm"
          text={l.text(approve ? "Loop_Approve" : "Loop_TestEnable")}
          onClick={() => void loop.confirm()}
          data-testid="confirm-action"
        />
        <DefaultButton text={l.text("Loop_Cancel")} onClick={cancel} data-testid="cancel-action" />
      </DialogFooter>
    </Dialog>
  );
}

/** The directions server-side sync handles for this mailbox, as the dialog names them. */
function directionsText(l: Localizer, result: DiagnosisResult): string {
  const m = result.snapshot.mailbox;
  const dirs = (["incoming", "outgoing", "act"] as const)
    .filter((d) => (d === "act" ? m.actMethod === 1 : (d === "incoming" ? m.incomingMethod : m.outgoingMethod) === 2))
    .map((d) => l.text(`Direction_${d}`));
  return dirs.length ? l.text(`Directions_${dirs.length}`, { d0: dirs[0], d1: dirs[1] ?? "", d2: dirs[2] ?? "" }) : l.text("Loop_Dialog_TestNoDirections");
}

function waitingText(l: Localizer, requestedAt: Date): string {
  const minutes = Math.floor((Date.now() - requestedAt.getTime()) / 60_000);
  const ago = minutes < 1 ? l.text("Loop_Ago_Now") : l.text("Loop_Ago_Minutes", { n: minutes });
  return l.text("Loop_Waiting", { ago });
}

function outcomeText(l: Localizer, outcome: TestOutcome): string {
  const parts = (["incoming", "outgoing", "act"] as const)
    .filter((d) => outcome[d] !== null)
    .map((d) => l.text("Loop_Result", { direction: l.text(`Direction_${d}`), status: l.text(`Option_teststatus_${outcome[d]}`) }));
  return parts.length ? l.text("Loop_Finished", { results: parts.join(", ") }) : l.text("Loop_FinishedNoResults");
}

export function noticeText(l: Localizer, notice: LoopNotice): string {
  switch (notice.kind) {
    case "approved":
      return l.text("Loop_Approved");
    case "stopped":
      return l.text("Loop_Stopped");
    case "timed-out":
      return l.text("Loop_TimedOut", { minutes: Math.round(WATCH_LIMIT_MS / 60_000) });
    case "test-finished":
      return outcomeText(l, notice.outcome);
    case "write-failed": {
      const e = notice.error;
      // A kind without its own sentence says the error's reason.
      const kind = notice.needsApprovalRole
        ? "ApproveNeedsRole"
        : `Failed_${e.status === 412 ? "conflict" : ["privilege", "throttled", "offline", "server"].includes(e.kind) ? e.kind : "failed"}`;
      return l.text(`Loop_${kind}`, {
        seconds: e.retryAfterSeconds ?? 30,
        status: e.status ?? 500,
        reason: l.text(`DataError_${e.kind}`),
      });
    }
  }
}

function noticeType(notice: LoopNotice): MessageBarType {
  switch (notice.kind) {
    case "approved":
      return MessageBarType.success;
    case "test-finished":
      return Object.values(notice.outcome).some((s) => s === 2) ? MessageBarType.warning : MessageBarType.success;
    case "write-failed":
      return MessageBarType.error;
    default:
      return MessageBarType.info;
  }
}
