/** @jsx h */
import { h } from "./jsx";
import type { Alert401 } from "../diagnosis/diagnose";
import type { Localizer } from "../i18n/localize";
import type { Styles } from "./styles";
import { alertTime } from "./FindingCard";

export interface AlertListProps {
  alerts: Alert401[];
  l: Localizer;
  styles: Styles;
}

/**
 * The latest alerts that carry a 401, with their time; those before the last successful Test & Enable
 * are marked as history, those before the latest change to the mailbox, profile or owner as such.
 * Alert text is server text: rendered as text.
 */
export function AlertList({ alerts, l, styles }: AlertListProps) {
  if (alerts.length === 0) return <p className={styles.meta}>{l.text("Alerts_None")}</p>;
  return (
    <ul className={styles.list}>
      {alerts.map(({ alert: a, history, beforeChange }) => (
        <li key={`${a.about}-${a.id}`} className={styles.alert} data-history={history}>
          <div className={styles.alertTime}>
            {alertTime(l, a)} · {l.text(`Alert_About_${a.about}`)}
            {history ? ` · ${l.text("Alert_History")}` : beforeChange && ` · ${l.text("Alert_BeforeChange")}`}
          </div>
          <div>{a.text}</div>
        </li>
      ))}
    </ul>
  );
}
