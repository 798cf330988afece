import * as React from "react";
import { ActionButton } from "@fluentui/react";
import type { Styles } from "./styles";

export interface Disclosure {
  id: string;
  title: string;
  initiallyOpen: boolean;
  content: React.ReactNode;
}

export interface DisclosuresProps {
  items: Disclosure[];
  styles: Styles;
  /** Shown at the end of the bar (Copy report). */
  extra?: React.ReactNode;
}

/**
 * Buttons on one line that show or hide their lists below (passed and not applicable checks, the
 * alerts): closed, they take one line together instead of one each.
 */
export function Disclosures({ items, styles, extra }: DisclosuresProps) {
  const initial = items.filter((i) => i.initiallyOpen).map((i) => i.id).join(" ");
  const [open, setOpen] = React.useState<Set<string>>(() => new Set(initial ? initial.split(" ") : []));
  React.useEffect(() => setOpen(new Set(initial ? initial.split(" ") : [])), [initial]);
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  if (items.length === 0 && !extra) return null;
  return (
    <div className={styles.disclosures}>
      <div className={styles.disclosureBar}>
        {items.map((item) => (
          <ActionButton
            key={item.id}
            aria-expanded={open.has(item.id)}
            aria-controls={item.id}
            onRenderIcon={() => (
              <span aria-hidden="true" style={{ width: 12, display: "inline-block" }}>
                {open.has(item.id) ? "\u25BE" : "\u25B8"}
              </span>
            )}
            onClick={() => toggle(item.id)}
            styles={{ root: { height: 24, padding: 0 }, label: { margin: "0 0 0 2px" } }}
          >
            {item.title}
          </ActionButton>
        ))}
        {extra}
      </div>
      {items.map((item) => (
        <div key={item.id} id={item.id} hidden={!open.has(item.id)}>
          {open.has(item.id) && item.content}
        </div>
      ))}
    </div>
  );
}
