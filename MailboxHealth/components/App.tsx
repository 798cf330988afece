/** @jsx h */
import * as React from "react";
import { h } from "./jsx";
import { ThemeProvider } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { DiagnosisController } from "../diagnosis/controller";
import type { LoopController } from "../diagnosis/loop";
import type { WriteBlock } from "../diagnosis/actionGate";
import { loopButton, loopButtons, LoopPanel } from "./LoopActions";
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
  const { loop, writeBlock, l } = props;
  const state = useStore(props.controller);
  const loopState = useStore(loop);
  const result = resultOf(state);
  const p = result && { l, loop, state: loopState, writeBlock, checking: state.phase === "checking", mailboxName: props.mailboxName, result };
  const content = (
    <MailboxHealthView
      {...props}
      state={state}
      actions={p && loopButtons(p)}
      panel={p && <LoopPanel {...p} />}
      report={p && <CopyReport l={l} report={() => mailboxMarkdown(p.result, l)} />}
      testInControl={!writeBlock}
      testStep={p && loopButton(p, "test", true)}
      approveStep={p && loopButton(p, "approve", true)}
    />
  );
  return props.theme ? <ThemeProvider theme={props.theme}>{content}</ThemeProvider> : content;
}
