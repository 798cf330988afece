/** @jsx h */
import * as React from "react";
import { h } from "./jsx";
import { ThemeProvider } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { DiagnosisController } from "../diagnosis/controller";
import type { LoopController, LoopState } from "../diagnosis/loop";
import type { WriteBlock } from "../diagnosis/actionGate";
import { LoopButtons, LoopPanel, TestStepButton } from "./LoopActions";
import { CopyReport } from "./CopyReport";
import { mailboxMarkdown } from "../report/mailboxMarkdown";
import { MailboxHealthView, resultOf } from "./MailboxHealthView";
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

/** The state of a controller, followed while mounted. */
function useStore<T>(store: { getState(): T; subscribe(listener: () => void): () => void } | undefined, none: T): T {
  const [state, setState] = React.useState(() => (store ? store.getState() : none));
  React.useEffect(() => {
    if (!store) return undefined;
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}

/** Subscribes the view to the controller's state (and the actions' state) and applies the host theme. */
export function App(props: AppProps) {
  const { loop, writeBlock, l, mailboxName } = props;
  const state = useStore(props.controller, undefined as never);
  const loopState = useStore(loop, NO_LOOP);
  const result = resultOf(state);
  const buttonProps = loop && { l, loop, state: loopState, writeBlock, checking: state.phase === "checking" };
  const content = (
    <MailboxHealthView
      {...props}
      state={state}
      actions={
        buttonProps &&
        result && <LoopButtons {...buttonProps} mailboxName={mailboxName} canApprove={result.findings.some((f) => f.rule === "email-approval" && f.status === "problem")} />
      }
      panel={buttonProps && result && <LoopPanel {...buttonProps} mailboxName={mailboxName} result={result} />}
      report={result && <CopyReport l={l} report={() => mailboxMarkdown(result, l)} />}
      testInControl={!!loop && !writeBlock}
      testStep={buttonProps && <TestStepButton {...buttonProps} />}
    />
  );
  return props.theme ? <ThemeProvider theme={props.theme}>{content}</ThemeProvider> : content;
}
