/** @jsx h */
import * as React from "react";
import { h } from "./jsx";
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
  const initial = items.filter((i) => i.initiallyOpen).map((i) => i.id);
  // The ids of the open items; back to those initially open when they change.
  const [open, setOpen] = React.useState(initial);
  React.useEffect(() => setOpen(initial), [initial.join(" ")]);
  const toggle = (id: string) => setOpen(open.includes(id) ? open.filter((o) => o !== id) : [...open, id]);
  if (items.length === 0 && !extra) return null;
  return (
    <div className={styles.disclosures}>
      <div className={styles.disclosureBar}>
        {items.map((item) => (
          <button key={item.id} type="button" className={styles.toggle} aria-expanded={open.includes(item.id)} aria-controls={item.id} onClick={() => toggle(item.id)}>
            <span aria-hidden="true" className={styles.chevron}>
              {open.includes(item.id) ? "\u25BE" : "\u25B8"}
            </span>
            {item.title}
          </button>
        ))}
        {extra}
      </div>
      {items.map((item) => (
        <div key={item.id} id={item.id} hidden={!open.includes(item.id)}>
          {open.includes(item.id) && item.content}
        </div>
      ))}
    </div>
  );
}
