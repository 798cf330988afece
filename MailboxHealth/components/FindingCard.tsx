import * as React from "react";
import { Link, useTheme } from "@fluentui/react";
import type { Finding } from "../model/finding";
import type { AlertFacts } from "../model/snapshot";
import type { Localizer } from "../i18n/localize";
import { isAllowedUrl, learnUrl } from "../i18n/localize";
import { evidenceRows, isThisRecord, ownSteps } from "../presentation/present";
import type { Presentation, WhyKind } from "../presentation/present";
import { StatusIcon } from "./StatusIcon";
import type { Styles } from "./styles";
import { statusColor } from "./styles";

export const ARTICLE_401 =
  "https://learn.microsoft.com/en-us/troubleshoot/power-platform/dataverse/email-exchange-synchronization/exception-when-using-server-side-sync";

export interface FindingCardProps {
  finding: Finding;
  l: Localizer;
  styles: Styles;
  clientUrl: string | null;
  /** The mailbox on the form: a link to it is left out. */
  mailboxId: string;
  presentation: Pick<Presentation, "list">;
  /** Alerts the alert list shows: evidence refers to them instead of repeating their text. */
  listedAlerts: readonly AlertFacts[] | undefined;
  initiallyOpen: boolean;
  /** 300 px: a closed row shows two lines at most. */
  narrow?: boolean;
  /** The headline quotes this finding's alert: the evidence does not repeat it, and the article link is there too. */
  lead?: WhyKind;
  /** The headline links Microsoft's article for the lead's cause. */
  articleInHeadline?: boolean;
  /** Opens an org record inside the app; returns false to let the browser follow the link. */
  onOpenRecord?: (url: string) => boolean;
  /** ok / not-applicable: title and reason only, no toggle. */
  compact?: boolean;
}

/** Two lines and an ellipsis (every current engine supports the prefixed form). */
const CLAMP_2: React.CSSProperties = { display: "-webkit-box", WebkitLineClamp: 2, WebkitBoxOrient: "vertical" };

/** Long values (URLs, addresses, ids) may break after / . @ - _ ? & = so that 300 px stays readable. */
export function breakable(text: string): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  let start = 0;
  const limited = text.slice(0, 4000);
  for (let i = 0; i < limited.length; i++) {
    if ("/.@-_?&=".includes(limited[i]) && i + 1 < limited.length) {
      out.push(limited.slice(start, i + 1), <wbr key={i} />);
      start = i + 1;
    }
  }
  out.push(limited.slice(start));
  return out;
}

/** A column as the form labels it, with its table: "Primary Email (user)"; the logical name when unknown. */
export function columnLabel(l: Localizer, table: string, column: string): string | undefined {
  const key = `Column_${table}_${column}`;
  const label = l.text(key);
  if (label === key) return undefined;
  if (table === "tracelog") return label;
  const tableKey = `Table_${table}`;
  const tableName = l.text(tableKey);
  return tableName === tableKey ? label : l.text("Column_Label", { column: label, table: tableName });
}

/** One check on one line (icon, title, reason); opened, its evidence, its own steps and its links. Server text as text. */
export const FindingCard = React.memo(function FindingCard(props: FindingCardProps) {
  const { finding, l, styles, compact } = props;
  const theme = useTheme();
  const [open, setOpen] = React.useState(props.initiallyOpen);
  const titleId = `mbxh-${finding.rule}-title`;
  const bodyId = `mbxh-${finding.rule}-body`;
  const icon = <StatusIcon status={finding.status} color={statusColor(theme, finding.status)} inner={theme.semanticColors.bodyBackground} />;
  const title = (
    <span id={titleId} className={styles.rowTitle}>
      <span className={styles.hidden}>{l.text(`Status_${finding.status}`)}: </span>
      {l.text(`Rule_${finding.rule}_Title`)}
    </span>
  );
  if (compact) {
    return (
      <li className={styles.row} aria-labelledby={titleId} data-rule={finding.rule} data-status={finding.status}>
        <div className={styles.rowHead}>
          <span className={styles.rowIcon}>{icon}</span>
          <span>
            {title} <span className={styles.reason}>{l.message(finding.detail)}</span>
          </span>
        </div>
      </li>
    );
  }
  return (
    <li className={styles.row} aria-labelledby={titleId} data-rule={finding.rule} data-status={finding.status} data-open={open}>
      <div className={styles.rowHead}>
        <span aria-hidden="true" className={styles.chevron}>
          {open ? "\u25BE" : "\u25B8"}
        </span>
        <span className={styles.rowIcon}>{icon}</span>
        <span className={open ? styles.rowText : styles.rowTextClosed} style={!open && props.narrow ? CLAMP_2 : undefined}>
          <button type="button" className={styles.toggle} aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
            {title}
          </button>{" "}
          <span className={styles.reason}>{l.message(finding.detail)}</span>
        </span>
      </div>
      <div id={bodyId} hidden={!open} className={styles.body}>
        {open && <FindingBody {...props} />}
      </div>
    </li>
  );
});

function FindingBody({ finding, l, styles, clientUrl, mailboxId, presentation, listedAlerts, onOpenRecord, lead, articleInHeadline }: FindingCardProps) {
  // The headline quotes the lead's alert: its evidence refers to it only when it has nothing else to show.
  const all = evidenceRows(finding, listedAlerts);
  const rows = lead === "matching-alert" && all.some((row) => !row.alert) ? all.filter((row) => !row.alert) : all;
  const causeLink = finding.cause !== null && !(lead && articleInHeadline && finding.status === "problem");
  const steps = ownSteps(finding, presentation);
  const links = finding.links.filter((link) => isAllowedUrl(link.url, clientUrl) && !isThisRecord(link.url, mailboxId));
  const open = (url: string) => (e: React.MouseEvent<HTMLElement>) => {
    if (onOpenRecord && clientUrl && url.startsWith(clientUrl) && onOpenRecord(url)) e.preventDefault();
  };
  return (
    <>
      {rows.length > 0 && (
        <>
          <h5 className={styles.hidden}>{l.text("Finding_Evidence")}</h5>
          <dl className={styles.evidence}>
            {rows.map((row, i) => {
              const label = columnLabel(l, row.table, row.column);
              const when = row.alert ? (row.alert.modifiedOn ?? row.alert.createdOn) : undefined;
              const logical = (
                <span className={styles.logical} title={row.field}>
                  {breakable(row.column)}
                </span>
              );
              return (
                <React.Fragment key={`${row.field}-${i}`}>
                  <dt className={styles.evidenceField}>
                    {label ?? breakable(row.field)}
                  </dt>
                  <dd className={styles.evidenceValue}>
                    {row.alert
                      ? l.text("Evidence_AlertRef", {
                          time: when instanceof Date ? l.date(when.toISOString()) : l.text("Value_Unknown"),
                          about: l.text(`Alert_About_${row.alert.about}`),
                        })
                      : breakable(l.evidenceValue(row.evidence.value))}
                    {label && logical}
                  </dd>
                </React.Fragment>
              );
            })}
          </dl>
        </>
      )}
      {steps.length > 0 && (
        <>
          <div className={styles.label}>{l.text("Finding_Fix")}</div>
          <ol className={styles.steps}>
            {steps.map((step, i) => (
              <li key={i}>{l.message(step)}</li>
            ))}
          </ol>
        </>
      )}
      {(links.length > 0 || causeLink) && (
        <ul className={styles.links} aria-label={l.text("Finding_Links")}>
          {links.map((link) => {
            const url = learnUrl(link.url, l.learnLocale);
            return (
              <li key={link.url}>
                <Link href={url} target="_blank" rel="noopener noreferrer" onClick={open(url)}>
                  {l.message(link.label)}
                </Link>
              </li>
            );
          })}
          {causeLink && (
            <li>
              <Link href={learnUrl(ARTICLE_401, l.learnLocale)} target="_blank" rel="noopener noreferrer">
                {l.text("View_CauseLink", { cause: finding.cause ?? "" })}
              </Link>
            </li>
          )}
        </ul>
      )}
    </>
  );
}
