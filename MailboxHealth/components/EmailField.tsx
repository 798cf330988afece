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

/** The bound Email Address column, shown and edited as the standard field would. */
export const EmailField = React.memo(function EmailField({ l, label, value, readOnly, masked, onChange }: EmailFieldProps) {
  if (masked) {
    return <TextField ariaLabel={label} value="********" readOnly description={l.text("Field_Masked")} />;
  }
  return (
    <TextField
      ariaLabel={label}
      type="email"
      value={value}
      readOnly={readOnly}
      autoComplete="off"
      maxLength={100}
      onChange={(_e, v) => onChange(v ?? "")}
    />
  );
});
