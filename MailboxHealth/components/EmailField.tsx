import * as React from "react";
import { TextField } from "@fluentui/react";
import type { Localizer } from "../i18n/localize";

export interface EmailFieldProps {
  l: Localizer;
  label: string;
  value: string;
  readOnly: boolean;
  /** Field security hides the value from this user. */
  masked: boolean;
  onChange: (value: string) => void;
}

/**
 * The bound Email Address column, shown and edited as the standard field would.
 * It keeps what the user types in its own state: the host re-renders it only on updateView, which
 * comes later than the keystrokes (debounced, batched), and a field held to the last `value` would
 * undo every key typed in between. A new `value` (the host's decision, see field/boundValue.ts)
 * replaces the text.
 */
export const EmailField = React.memo(function EmailField({ l, label, value, readOnly, masked, onChange }: EmailFieldProps) {
  const [text, setText] = React.useState(value);
  const [shown, setShown] = React.useState(value);
  if (value !== shown) {
    setShown(value);
    setText(value);
  }
  if (masked) {
    return <TextField ariaLabel={label} value="********" readOnly description={l.text("Field_Masked")} />;
  }
  return (
    <TextField
      ariaLabel={label}
      type="email"
      value={text}
      readOnly={readOnly}
      autoComplete="off"
      maxLength={100}
      onChange={(_e, v) => {
        const next = v ?? "";
        setText(next);
        onChange(next);
      }}
    />
  );
});
