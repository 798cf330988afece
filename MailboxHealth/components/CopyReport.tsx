/** @jsx h */
/** @jsxFrag Fragment */
import * as React from "react";
import { Fragment, h } from "./jsx";
import { ActionButton, DefaultButton, TextField } from "@fluentui/react";
import type { ITextField } from "@fluentui/react";
import type { Localizer } from "../i18n/localize";

/**
 * Copy report: the mailbox's diagnosis as the Markdown the command line prints for it. Copied to the
 * clipboard; where the browser refuses, the text is shown selected in a read-only field to copy by hand.
 * `report` is called on the click, so the text is the diagnosis shown at that moment.
 */
const NONE = { copied: false, text: null };

export function CopyReport({ l, report }: { l: Localizer; report: () => string }) {
  const [state, setState] = React.useState<{ copied: boolean; text: string | null }>(NONE);
  const field = React.useRef<ITextField>(null);
  React.useEffect(() => {
    const f = field.current;
    if (f) {
      f.focus();
      f.select();
    }
  }, [state.text]);
  const copy = () => {
    const text = report();
    // No clipboard (an insecure page) fails inside the chain like a refusal.
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(text))
      .then(() => setState({ copied: true, text: null }))
      .catch(() => setState({ copied: false, text }));
  };
  return (
    <>
      <ActionButton onClick={copy} styles={{ root: { height: 24, padding: 0 } }} data-testid="action-copy-report">
        {l.text("Report_Copy")}
      </ActionButton>
      <span role="status" style={{ alignSelf: "center" }} data-testid="report-copied">
        {state.copied ? l.text("Report_Copied") : ""}
      </span>
      {state.text !== null && (
        <div style={{ flexBasis: "100%" }} data-testid="report-text">
          <TextField componentRef={field} label={l.text("Report_Refused")} multiline readOnly rows={6} value={state.text} />
          <DefaultButton text={l.text("Report_Close")} onClick={() => setState(NONE)} styles={{ root: { marginTop: 4 } }} />
        </div>
      )}
    </>
  );
}
