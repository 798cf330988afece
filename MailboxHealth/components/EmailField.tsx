/** @jsx h */
import * as React from "react";
import { h } from "./jsx";
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
 * replaces the text. An invalid address is shown with the standard control's error and kept from the form.
 */
/**
 * An address as the standard Email (SingleLine.Email) control accepts it: a user name and a domain
 * around one "@", no spaces and none of the characters addresses cannot hold unquoted. Microsoft calls
 * this "basic email validation" (an address "that doesn't contain both a username and an email domain"
 * is rejected: learn.microsoft.com/power-apps/maker/data-platform/data-validation-email-column); like
 * the standard control, it does not ask for a dot in the domain. Empty is valid (it clears the column).
 */
export function isValidEmail(text: string): boolean {
  const t = text.trim();
  if (t === "") return true;
  if (t.length > 100) return false;
  const at = t.indexOf("@");
  return at > 0 && at === t.lastIndexOf("@") && at < t.length - 1 && !/[\s<>()[\]\\,;:"]/.test(t);
}

export const EmailField = React.memo(function EmailField({ l, label, value, readOnly, masked, onChange }: EmailFieldProps) {
  const textHook = React.useState(value);
  const shownHook = React.useState(value);
  const touchedHook = React.useState(false);
  const text = textHook[0];
  const setText = textHook[1];
  const touched = touchedHook[0];
  if (value !== shownHook[0]) {
    shownHook[1](value);
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
      errorMessage={touched && !isValidEmail(text) ? l.text("Field_Invalid") : undefined}
      onBlur={() => touchedHook[1](true)}
      onChange={(_e, v) => {
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing -- `??` is rewritten into longer code for Safari 13; `||` reads the same.
        const next = v || "";
        setText(next);
        // Like the standard control, an address it rejects is not handed to the form.
        if (isValidEmail(next)) onChange(next.trim() === "" ? "" : next);
      }}
    />
  );
});
