import * as React from "react";
import { ThemeProvider } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { DiagnosisController } from "../diagnosis/controller";
import type { LoopController, LoopState } from "../diagnosis/loop";
import type { WriteBlock } from "../diagnosis/actionGate";
import { LoopButtons, LoopPanel, TestStepButton } from "./LoopActions";
import { CopyReport } from "./CopyReport";
import { mailboxMarkdown } from "../report/mailboxMarkdown";
import { MailboxHealthView } from "./MailboxHealthView";
import type { MailboxHealthViewProps } from "./MailboxHealthView";

export interface AppProps extends Omit<MailboxHealthViewProps, "state" | "actions" | "panel" | "report"> {
  controller: DiagnosisController;
  /** Test & Enable and Approve Email; absent where the host cannot write. */
  loop?: LoopController;
  /** Why the control may not write now, or null. */
  writeBlock?: WriteBlock | null;
  theme?: Theme;
}

const NO_LOOP: LoopState = { confirming: null, writing: null, waiting: null, notice: null };

/** Subscribes the view to the controller's state (and the actions' state) and applies the host theme. */
export function App({ controller, theme, loop, writeBlock = null, ...view }: AppProps) {
  const stateHook = React.useState(() => controller.getState());
  const loopHook = React.useState(() => loop?.getState() ?? NO_LOOP);
  const state = stateHook[0];
  const setState = stateHook[1];
  const loopState = loopHook[0];
  const setLoopState = loopHook[1];
  React.useEffect(() => {
    setState(controller.getState());
    return controller.subscribe(() => setState(controller.getState()));
  }, [controller]);
  React.useEffect(() => {
    if (!loop) return undefined;
    setLoopState(loop.getState());
    return loop.subscribe(() => setLoopState(loop.getState()));
  }, [loop]);
  const result = state.phase === "done" ? state.result : state.phase === "idle" ? undefined : state.previous;
  const canApprove = !!result?.findings.some((f) => f.rule === "email-approval" && f.status === "problem");
  const buttonProps = loop && { l: view.l, loop, state: loopState, writeBlock, checking: state.phase === "checking" };
  const actions = buttonProps && result ? <LoopButtons {...buttonProps} mailboxName={view.mailboxName} canApprove={canApprove} /> : undefined;
  const testStep = buttonProps ? <TestStepButton {...buttonProps} /> : undefined;
  const panel = loop && result ? <LoopPanel l={view.l} loop={loop} state={loopState} writeBlock={writeBlock} mailboxName={view.mailboxName} result={result} /> : undefined;
  const report = result ? <CopyReport l={view.l} report={() => mailboxMarkdown(result, view.l)} /> : undefined;
  const content = (
    <MailboxHealthView {...view} state={state} actions={actions} panel={panel} report={report} testInControl={!!loop && !writeBlock} testStep={testStep} />
  );
  return theme ? <ThemeProvider theme={theme}>{content}</ThemeProvider> : content;
}
