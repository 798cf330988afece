import * as React from "react";
import { ActionButton } from "@fluentui/react";
import type { Styles } from "./styles";

export interface CollapsibleSectionProps {
  id: string;
  title: string;
  initiallyOpen: boolean;
  styles: Styles;
  children: React.ReactNode;
}

/** A heading button that shows or hides its list (passed and not applicable checks). */
export function CollapsibleSection({ id, title, initiallyOpen, styles, children }: CollapsibleSectionProps) {
  const [open, setOpen] = React.useState(initiallyOpen);
  React.useEffect(() => setOpen(initiallyOpen), [initiallyOpen]);
  return (
    <section className={styles.section}>
      <ActionButton
        aria-expanded={open}
        aria-controls={id}
        onRenderIcon={() => (
          <span aria-hidden="true" style={{ width: 16, display: "inline-block" }}>
            {open ? "\u25BE" : "\u25B8"}
          </span>
        )}
        onClick={() => setOpen(!open)}
        styles={{ root: { height: 28, padding: 0 } }}
      >
        {title}
      </ActionButton>
      <div id={id} hidden={!open}>
        {open && children}
      </div>
    </section>
  );
}
