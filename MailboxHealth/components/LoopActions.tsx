/** @jsx h */
/** @jsxFrag Fragment */
/* eslint-disable @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13; here `||` and a ternary read the same. */
import * as React from "react";
import { Fragment, h, pascal } from "./jsx";
import { DefaultButton, Dialog, Link, DialogFooter, MessageBar, PrimaryButton, Spinner, mergeStyles, hiddenContentStyle } from "@fluentui/react";
import type { LoopAction, LoopController, LoopNotice, LoopState } from "../diagnosis/loop";
import type { WriteBlock } from "../diagnosis/actionGate";
import type { DiagnosisResult } from "../diagnosis/diagnose";
import type { TestOutcome } from "../diagnosis/testWatcher";
import { WATCH_LIMIT_MS } from "../diagnosis/testWatcher";
import type { Localizer } from "../i18n/localize";

/**
 * Test & Enable and Approve Email on the form: the buttons, the confirmation, the wait and its outcome.
 * Renders the LoopController's state; the only writes are in LoopController.confirm().
 * Fluent's enums are written as their numbers (MessageBarType info 0, error 1, success 4, warning 5;
 * SpinnerSize xSmall 0): the names would each be a property read in the bundle.
 */

const srOnly = mergeStyles(hiddenContentStyle);

/** What the actions read: the controller and its state, why writes are blocked, the result shown. */
export interface LoopProps {
  l: Localizer;
  loop: LoopController;
  state: LoopState;
  writeBlock?: WriteBlock | null;
  checking: boolean;
  mailboxName: string;
  result: DiagnosisResult;
}

/** The reason the actions are disabled, shown once under the verdict (LoopPanel) and referred to by each button. */
const reasonId = "mbxh-loop-blocked";

/** Link's button without the native `disabled`, which would take the focus away. */
const FocusableButton = React.forwardRef<HTMLButtonElement, React.ButtonHTMLAttributes<HTMLButtonElement>>((b, ref) => (
  <button ref={ref} {...b} type="button" disabled={undefined} />
));

/** The directions a test reports, in the order the dialog and the outcome name them. */
const DIRECTIONS = ["incoming", "outgoing", "act"] as const;

/**
 * Test & Enable or Approve email beside Recheck; as `step`, a link-style button on a step's own line of a
 * finding's fix (Test & Enable last, Approve email in place of "select Approve Email"), with the same
 * confirmation and the same single write.
 * Disabled where the gate forbids a write, while one runs or is awaited, and during a check.
 */
export function loopButton(p: LoopProps, action: LoopAction, step?: boolean) {
  const { l, state, writeBlock } = p;
  const key = action === "test" ? "Loop_TestEnable" : "Loop_Approve";
  const disabled = !!(writeBlock || state.writing || state.waiting || p.checking);
  const common = {
    disabled,
    "aria-describedby": writeBlock ? reasonId : undefined,
    onClick: disabled ? undefined : () => p.loop.ask(action),
  };
  // A disabled control keeps its focus (browsers move focus off an element that turns disabled, and the
  // dialog gives focus back to the control that opened it, which the write then disables): the button by
  // Fluent's allowDisabledFocus, the link by rendering without the native attribute (Link still sets
  // aria-disabled, its disabled look, and ignores the click).
  return step ? (
    <Link
      {...common}
      as={FocusableButton}
      data-testid={action === "test" ? "finding-test-enable" : "finding-approve"}
    >
      {l.text(key)}
    </Link>
  ) : (
    <DefaultButton
      {...common}
      allowDisabledFocus
      text={l.text(key)}
      ariaLabel={l.text(`${key}_Label`, { name: p.mailboxName })}
      data-testid={action === "test" ? "action-test-enable" : "action-approve"}
    />
  );
}

/** The buttons beside Recheck: Approve email only while email approval is a problem. */
export function loopButtons(p: LoopProps) {
  return (
    <>
      {loopButton(p, "test")}
      {p.result.findings.some((f) => f.rule === "email-approval" && f.status === "problem") && loopButton(p, "approve")}
    </>
  );
}

/** The confirmation, the wait, the outcome and the live region; below the verdict. */
export function LoopPanel(p: LoopProps) {
  const { l, loop, state, writeBlock, result, mailboxName: name } = p;
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
  const action = state.confirming;
  const approve = action === "approve";
  const lines = approve
    ? [l.text("Loop_Dialog_ApproveText", { address: result.snapshot.mailbox.emailAddress || "", name }), l.text("Loop_Dialog_ApproveWho")]
    : [l.text("Loop_Dialog_TestText", { directions: directionsText(l, result), name }), l.text("Loop_Dialog_TestAsync")];
  return (
    <>
      {writeBlock && (
        <p id={reasonId} className={mergeStyles({ margin: 0, fontSize: 12 })} data-testid="loop-blocked">
          {l.text(`Loop_Blocked_${writeBlock}`)}
        </p>
      )}
      {state.writing && <Spinner size={0} label={l.text("Loop_Writing")} labelPosition="right" />}
      {waiting && (
        <MessageBar
          isMultiline
          data-testid="loop-waiting"
          actions={
            <div>
              <DefaultButton text={l.text("Loop_StopWaiting")} onClick={loop.stopWaiting} data-testid="action-stop-waiting" />
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
      <Dialog
        hidden={action === null}
        onDismiss={loop.cancel}
        dialogContentProps={{ title: l.text(approve ? "Loop_Dialog_ApproveTitle" : "Loop_Dialog_TestTitle") }}
        modalProps={{ isBlocking: true, containerClassName: mergeStyles({ maxWidth: 480 }), firstFocusableSelector: "mbxh-confirm" }}
      >
        {lines.map((line) => (
          <p key={line} style={{ marginTop: 0 }}>
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
          <DefaultButton text={l.text("Loop_Cancel")} onClick={loop.cancel} data-testid="cancel-action" />
        </DialogFooter>
      </Dialog>
    </>
  );
}

/** The directions server-side sync handles for this mailbox, as the dialog names them. */
function directionsText(l: Localizer, result: DiagnosisResult): string {
  const m = result.snapshot.mailbox;
  const dirs = DIRECTIONS.filter((d) => (d === "act" ? m.actMethod === 1 : (d === "incoming" ? m.incomingMethod : m.outgoingMethod) === 2)).map((d) =>
    l.text(`Direction_${d}`),
  );
  return dirs.length ? l.text(`Directions_${dirs.length}`, { d0: dirs[0], d1: dirs[1] || "", d2: dirs[2] || "" }) : l.text("Loop_Dialog_TestNoDirections");
}

function waitingText(l: Localizer, requestedAt: Date): string {
  const minutes = Math.floor((Date.now() - requestedAt.getTime()) / 60_000);
  return l.text("Loop_Waiting", { ago: l.text(minutes < 1 ? "Loop_Ago_Now" : "Loop_Ago_Minutes", { n: minutes }) });
}

function outcomeText(l: Localizer, outcome: TestOutcome): string {
  const parts = DIRECTIONS.filter((d) => outcome[d] !== null).map((d) =>
    l.text("Loop_Result", { direction: l.text(`Direction_${d}`), status: l.text(`Option_teststatus_${outcome[d]}`) }),
  );
  return parts.length ? l.text("Loop_Finished", { results: parts.join(", ") }) : l.text("Loop_FinishedNoResults");
}

/** Approved, stopped, timed out: `Loop_<Kind>` ("timed-out" → Loop_TimedOut). */
export function noticeText(l: Localizer, notice: LoopNotice): string {
  if (notice.kind === "test-finished") return outcomeText(l, notice.outcome);
  if (notice.kind !== "write-failed") return l.text(`Loop_${pascal(notice.kind)}`, { minutes: WATCH_LIMIT_MS / 60_000 });
  const e = notice.error;
  // A kind without its own sentence says the error's reason.
  const kind = notice.needsApprovalRole
    ? "ApproveNeedsRole"
    : `Failed_${e.status === 412 ? "conflict" : ["privilege", "throttled", "offline", "server"].includes(e.kind) ? e.kind : "failed"}`;
  return l.text(`Loop_${kind}`, {
    // Retry-After is kept only when above 0.
    seconds: e.retryAfterSeconds || 30,
    status: e.status === undefined ? 500 : e.status,
    reason: l.text(`DataError_${e.kind}`),
  });
}

/** Success, a warning when a direction's test failed (status 2), an error when the write failed, else information. */
function noticeType(notice: LoopNotice): number {
  const kind = notice.kind;
  return kind === "write-failed" ? 1 : kind === "approved" ? 4 : kind === "test-finished" ? (Object.values(notice.outcome).includes(2) ? 5 : 4) : 0;
}
