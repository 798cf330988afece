import * as React from "react";
import { Link, useTheme } from "@fluentui/react";
import type { Finding } from "../model/finding";
import type { AlertFacts } from "../model/snapshot";
import type { Localizer } from "../i18n/localize";
import { isAllowedUrl, learnUrl } from "../i18n/localize";
import { endsWithTest, evidenceRows, isThisRecord, ownSteps } from "../presentation/present";
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
  /** The headline quotes this finding's alert: the evidence does not repeat it, and the article link is there too. */
  lead?: WhyKind;
  /** The headline links Microsoft's article for the lead's cause. */
  articleInHeadline?: boolean;
  /** Opens an org record inside the app; returns false to let the browser follow the link. */
  onOpenRecord?: (url: string) => boolean;
  /** 300 px: the icons go inside the toggle, so that its text also uses the width under them. */
  narrow?: boolean;
  /** ok / not-applicable: title and reason only, no toggle. */
  compact?: boolean;
  /** The control's Test & Enable, as the last step of a fix that ends with a test. */
  testStep?: React.ReactNode;
}

/**
 * A word longer than a 300 px line holds (a URL, a long id) may break after / . @ - _ ? & =; shorter
 * ones (an address) stay whole and move to the next line instead.
 */
export function breakable(text: string): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  text
    .slice(0, 4000)
    .split(/(\s+)/)
    .forEach((word, i) => {
      if (word.length > 30) word.split(/([/.@\-_?&=])/).forEach((part, j) => out.push(part, j % 2 ? <wbr key={`${i}.${j}`} /> : null));
      else out.push(word);
    });
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
  const { finding, l, styles, compact, narrow } = props;
  const theme = useTheme();
  const openHook = React.useState(props.initiallyOpen);
  const open = openHook[0];
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
  const marks = (
    <>
      <span aria-hidden="true" className={styles.chevron}>
        {open ? "\u25BE" : "\u25B8"}
      </span>
      <span className={narrow ? styles.markIcon : styles.rowIcon}>{icon}</span>
    </>
  );
  return (
    <li className={styles.row} aria-labelledby={titleId} data-rule={finding.rule} data-status={finding.status} data-open={open}>
      <div className={styles.rowHead}>
        {!narrow && marks}
        {/* Title and reason in the button: closed, the two are clamped together (a button's own lines cannot be). */}
        <button
          type="button"
          className={open ? styles.toggle : styles.toggleClosed}
          aria-expanded={open}
          aria-controls={bodyId}
          onClick={() => openHook[1](!open)}
        >
          {narrow && marks}
          {title} <span className={styles.reason}>{l.message(finding.detail)}</span>
        </button>
      </div>
      <div id={bodyId} hidden={!open} className={styles.body}>
        {open && <FindingBody {...props} />}
      </div>
    </li>
  );
});

function FindingBody({ finding, l, styles, clientUrl, mailboxId, presentation, listedAlerts, onOpenRecord, lead, articleInHeadline, testStep }: FindingCardProps) {
  // The headline quotes the lead's alert: its evidence refers to it only when it has nothing else to show.
  const all = evidenceRows(finding, listedAlerts);
  const rows = lead === "matching-alert" && all.some((row) => !row.alert) ? all.filter((row) => !row.alert) : all;
  const causeLink = finding.cause !== null && !(lead && articleInHeadline && finding.status === "problem");
  const steps = ownSteps(finding, presentation);
  const test = testStep && endsWithTest(finding) ? testStep : undefined;
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
              // Each logical name whole: a line breaks before it or between the two of a merged row, never inside one.
              const logical = row.logical.split(", ").map((name, n, all) => (
                <React.Fragment key={name}>
                  {" "}
                  <span className={styles.logical} title={row.field}>
                    {n < all.length - 1 ? `${name},` : name}
                  </span>
                </React.Fragment>
              ));
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
      {(steps.length > 0 || test) && (
        <>
          <h5 className={styles.hidden}>{l.text("Finding_Fix")}</h5>
          <ol className={styles.steps}>
            {steps.map((step, i) => (
              <li key={i}>{l.message(step)}</li>
            ))}
            {test && <li>{test}</li>}
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
