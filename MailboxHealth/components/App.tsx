import * as React from "react";
import { ThemeProvider } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { DiagnosisController } from "../diagnosis/controller";
import type { LoopController } from "../diagnosis/loop";
import type { WriteBlock } from "../diagnosis/actionGate";
import { MailboxHealthView } from "./MailboxHealthView";
import type { MailboxHealthViewProps } from "./MailboxHealthView";

export interface AppProps extends Omit<MailboxHealthViewProps, "state"> {
  controller: DiagnosisController;
  /** Test & Enable and Approve Email; absent where the host cannot write. */
  loop?: LoopController;
  /** Why the control may not write now, or null. */
  writeBlock?: WriteBlock | null;
  theme?: Theme;
}

/** Subscribes the view to the controller's state and applies the host theme. */
export function App({ controller, theme, loop: _loop, writeBlock: _writeBlock, ...view }: AppProps) {
  const [state, setState] = React.useState(() => controller.getState());
  React.useEffect(() => {
    setState(controller.getState());
    return controller.subscribe(() => setState(controller.getState()));
  }, [controller]);
  const content = <MailboxHealthView {...view} state={state} />;
  return theme ? <ThemeProvider theme={theme}>{content}</ThemeProvider> : content;
}
