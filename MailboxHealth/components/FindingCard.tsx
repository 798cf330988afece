/** @jsx h */
/** @jsxFrag Fragment */
/* eslint-disable @typescript-eslint/prefer-nullish-coalescing, @typescript-eslint/prefer-optional-chain -- `??` and `?.` are rewritten into longer code for Safari 13; here `||` and `&&` read the same. */
import * as React from "react";
import { Fragment, h } from "./jsx";
import { Link } from "@fluentui/react";
import type { Finding } from "../model/finding";
import type { Localizer } from "../i18n/localize";
import { isAllowedUrl } from "../i18n/localize";
import { Learn } from "../rules/links";
import { endsWithTest, evidenceRows, isThisRecord, ownSteps } from "../presentation/present";
import { StatusIcon } from "./StatusIcon";
import type { FindingsProps } from "./MailboxHealthView";
import type { AlertFacts } from "../model/snapshot";

export interface FindingCardProps {
  finding: Finding;
  /** What every card reads: the view's props, the result and its presentation, the alerts listed. */
  v: FindingsProps;
  initiallyOpen: boolean;
  /** ok / not-applicable: title and reason only, no toggle. */
  compact?: boolean;
}

/** An alert's time, or "unknown". */
export function alertTime(l: Localizer, alert: AlertFacts): string {
  const when = alert.modifiedOn || alert.createdOn;
  return when instanceof Date ? l.date(when.toISOString()) : l.text("Value_Unknown");
}

/** A link that opens in a new tab. */
function newTab(href: string, children: React.ReactNode, onClick?: (e: React.MouseEvent<HTMLElement>) => void) {
  return (
    <Link href={href} target="_blank" rel="noopener noreferrer" onClick={onClick}>
      {children}
    </Link>
  );
}

/** Microsoft's article on the 401, for a cause it numbers. */
export const causeLink = (l: Localizer, cause: number) => newTab(l.url(Learn.article401), l.text("View_CauseLink", { cause }));

/**
 * A word longer than a 300 px line holds (a URL, a long id) may break after / . @ - _ ? & =; shorter
 * ones (an address) stay whole and move to the next line instead.
 */
function breakable(text: string): React.ReactNode[] {
  return text
    .slice(0, 4000)
    .split(/(\s+)/)
    .map((word) => (word.length > 30 ? word.split(/([/.@\-_?&=])/).map((part, j) => (j % 2 ? [part, <wbr key={j} />] : part)) : word));
}

/** A column as the form labels it, with its table: "Primary Email (user)"; the logical name when unknown. */
function columnLabel(l: Localizer, table: string, column: string): string | false {
  // The text of a key the resx has, or false.
  const known = (key: string) => {
    const text = l.text(key);
    return text !== key && text;
  };
  const label = known(`Column_${table}_${column}`);
  const tableName = table !== "tracelog" && known(`Table_${table}`);
  return label && tableName ? l.text("Column_Label", { column: label, table: tableName }) : label;
}

/** One check on one line (icon, title, reason); opened, its evidence, its own steps and its links. Server text as text. */
export function FindingCard(props: FindingCardProps) {
  const { finding, v, compact } = props;
  const { l, styles, narrow } = v;
  const [open, setOpen] = React.useState(props.initiallyOpen);
  const rule = finding.rule;
  const titleId = `mbxh-${rule}-title`;
  // The sentence an earlier listed check says already: named, not repeated.
  const same = v.presentation.sameAs.get(finding);
  const bodyId = `mbxh-${rule}-body`;
  const icon = (
    <span className={compact || !narrow ? styles.rowIcon : styles.markIcon}>
      <StatusIcon status={finding.status} size={16} />
    </span>
  );
  const text = (
    <>
      <span id={titleId} className={styles.rowTitle}>
        <span className={styles.hidden}>{l.text(`Status_${finding.status}`)}: </span>
        {l.text(`Rule_${rule}_Title`)}
      </span>{" "}
      <span className={styles.reason}>{same ? l.text("Reason_SameAs", { check: l.text(`Rule_${same.rule}_Title`) }) : l.message(finding.detail)}</span>
    </>
  );
  // ok / not-applicable (compact): icon, title and reason, no toggle.
  const marks = !compact && (
    <>
      <span aria-hidden="true" className={styles.chevron}>
        {open ? "\u25BE" : "\u25B8"}
      </span>
      {icon}
    </>
  );
  return (
    <li className={styles.row} aria-labelledby={titleId} data-rule={rule} data-status={finding.status} data-open={compact ? undefined : open}>
      <div className={styles.rowHead}>
        {compact ? (
          <>
            {icon}
            <span>{text}</span>
          </>
        ) : (
          <>
            {!narrow && marks}
            {/* Title and reason in the button: closed, the two are clamped together (a button's own lines cannot be). */}
            <button type="button" className={open ? styles.toggle : styles.toggleClosed} aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
              {narrow && marks}
              {text}
            </button>
          </>
        )}
      </div>
      {!compact && (
        <div id={bodyId} hidden={!open} className={styles.body}>
          {open && findingBody(props)}
        </div>
      )}
    </li>
  );
}

/** The opened card's content (no hooks: called as a function). */
function findingBody({ finding, v }: FindingCardProps) {
  const { l, styles, clientUrl, onOpenRecord, presentation } = v;
  const lead = presentation.lead;
  const why = lead && lead.finding === finding ? lead.why : undefined;
  // The headline quotes the lead's alert: its evidence refers to it only when it has nothing else to show.
  const all = evidenceRows(finding, v.listedAlerts);
  const rows = why === "matching-alert" && all.some((row) => !row.alert) ? all.filter((row) => !row.alert) : all;
  // The headline links Microsoft's article for the lead's cause.
  const cause = finding.cause !== null && !(why && !v.narrow && finding.status === "problem") ? finding.cause : null;
  const steps = ownSteps(finding, presentation);
  const test = endsWithTest(finding) && v.testStep;
  const mailboxId = v.result.snapshot.mailbox.id;
  const links = finding.links.filter((link) => isAllowedUrl(link.url, clientUrl) && !isThisRecord(link.url, mailboxId));
  return (
    <>
      {rows.length > 0 && (
        <>
          <h5 className={styles.hidden}>{l.text("Finding_Evidence")}</h5>
          <dl className={styles.evidence}>
            {rows.map((row, i) => {
              const label = columnLabel(l, row.table, row.column);
              // Each logical name whole: a line breaks before it or between the two of a merged row, never inside one.
              // A merged row's "incoming…, outgoing…" split at its space keeps the comma on the first name.
              const names = row.logical.split(" ");
              return (
                <Fragment key={i}>
                  <dt className={styles.evidenceField}>{label || breakable(row.field)}</dt>
                  <dd className={styles.evidenceValue}>
                    {row.alert
                      ? l.text("Evidence_AlertRef", { time: alertTime(l, row.alert), about: l.text(`Alert_About_${row.alert.about}`) })
                      : breakable(l.evidenceValue(row.evidence.value))}
                    {label &&
                      names.map((name) => [
                        " ",
                        <span key={name} className={styles.logical} title={row.field}>
                          {name}
                        </span>,
                      ])}
                  </dd>
                </Fragment>
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
              <li key={i}>{step.key === "Approval_Fix_Approve" && v.approveStep ? v.approveStep : l.message(step)}</li>
            ))}
            {test && <li>{test}</li>}
          </ol>
        </>
      )}
      {(links.length > 0 || cause !== null) && (
        <ul className={styles.links} aria-label={l.text("Finding_Links")}>
          {links.map((link) => {
            const url = l.url(link.url);
            return (
              <li key={link.url}>
                {newTab(url, l.message(link.label), (e) => {
                  // Opens an org record inside the app; false lets the browser follow the link.
                  if (onOpenRecord && clientUrl && url.startsWith(clientUrl) && onOpenRecord(url)) e.preventDefault();
                })}
              </li>
            );
          })}
          {cause !== null && <li>{causeLink(l, cause)}</li>}
        </ul>
      )}
    </>
  );
}
