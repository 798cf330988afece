/** @jsx h */
import * as React from "react";
import { h } from "./jsx";
import { ThemeProvider } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { DiagnosisController } from "../diagnosis/controller";
import type { LoopController } from "../diagnosis/loop";
import type { WriteBlock } from "../diagnosis/actionGate";
import { LoopButtons, LoopPanel, TestStepButton } from "./LoopActions";
import { CopyReport } from "./CopyReport";
import { mailboxMarkdown } from "../report/mailboxMarkdown";
import { MailboxHealthView, resultOf } from "./MailboxHealthView";
import type { MailboxHealthViewProps } from "./MailboxHealthView";

export interface AppProps extends Omit<MailboxHealthViewProps, "state" | "actions" | "panel" | "report"> {
  controller: DiagnosisController;
  /** Test & Enable and Approve Email. */
  loop: LoopController;
  /** Why the control may not write now, or null. */
  writeBlock: WriteBlock | null;
  theme?: Theme;
}

/** The state of a controller, followed while mounted. */
function useStore<T>(store: { getState(): T; subscribe(listener: () => void): () => void }): T {
  const [state, setState] = React.useState(() => store.getState());
  React.useEffect(() => {
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}

/** Subscribes the view to the controller's state (and the actions' state) and applies the host theme. */
export function App(props: AppProps) {
  const { loop, writeBlock, l, mailboxName } = props;
  const state = useStore(props.controller);
  const loopState = useStore(loop);
  const result = resultOf(state);
  const buttonProps = { l, loop, state: loopState, writeBlock, checking: state.phase === "checking" };
  const content = (
    <MailboxHealthView
      {...props}
      state={state}
      actions={
        result && <LoopButtons {...buttonProps} mailboxName={mailboxName} canApprove={result.findings.some((f) => f.rule === "email-approval" && f.status === "problem")} />
      }
      panel={result && <LoopPanel {...buttonProps} mailboxName={mailboxName} result={result} />}
      report={result && <CopyReport l={l} report={() => mailboxMarkdown(result, l)} />}
      testInControl={!writeBlock}
      testStep={<TestStepButton {...buttonProps} />}
    />
  );
  return props.theme ? <ThemeProvider theme={props.theme}>{content}</ThemeProvider> : content;
}
