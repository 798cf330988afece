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
export function CopyReport({ l, report }: { l: Localizer; report: () => string }) {
  // false: nothing to say; true: copied; a string: the report the browser refused, to copy by hand.
  const [shown, setShown] = React.useState<boolean | string>(false);
  const field = React.useRef<ITextField>(null);
  React.useEffect(() => {
    const f = field.current;
    if (f) {
      f.focus();
      f.select();
    }
  }, [shown]);
  const copy = async () => {
    const text = report();
    try {
      // No clipboard (an insecure page) throws here like a refusal.
      await navigator.clipboard.writeText(text);
      setShown(true);
    } catch {
      setShown(text);
    }
  };
  return (
    <>
      <ActionButton onClick={() => void copy()} styles={{ root: { height: 24, padding: 0 } }} data-testid="action-copy-report">
        {l.text("Report_Copy")}
      </ActionButton>
      <span role="status" style={{ alignSelf: "center" }} data-testid="report-copied">
        {shown === true ? l.text("Report_Copied") : ""}
      </span>
      {typeof shown === "string" && (
        <div style={{ flexBasis: "100%" }} data-testid="report-text">
          <TextField componentRef={field} label={l.text("Report_Refused")} multiline readOnly rows={6} value={shown} />
          <DefaultButton text={l.text("Report_Close")} onClick={() => setShown(false)} styles={{ root: { marginTop: 4 } }} />
        </div>
      )}
    </>
  );
}
