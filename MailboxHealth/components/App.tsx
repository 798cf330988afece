import * as React from "react";
import { ThemeProvider } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { DiagnosisController } from "../diagnosis/controller";
import { MailboxHealthView } from "./MailboxHealthView";
import type { MailboxHealthViewProps } from "./MailboxHealthView";

export interface AppProps extends Omit<MailboxHealthViewProps, "state"> {
  controller: DiagnosisController;
  theme?: Theme;
}

/** Subscribes the view to the controller's state and applies the host theme. */
export function App({ controller, theme, ...view }: AppProps) {
  const [state, setState] = React.useState(() => controller.getState());
  React.useEffect(() => {
    setState(controller.getState());
    return controller.subscribe(() => setState(controller.getState()));
  }, [controller]);
  const content = <MailboxHealthView {...view} state={state} />;
  return theme ? <ThemeProvider theme={theme}>{content}</ThemeProvider> : content;
}
