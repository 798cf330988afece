import * as React from "react";
import { Link } from "@fluentui/react";
import type { Finding } from "../model/finding";
import type { Localizer } from "../i18n/localize";
import { isAllowedUrl, learnUrl } from "../i18n/localize";
import type { Styles } from "./styles";

export const ARTICLE_401 =
  "https://learn.microsoft.com/en-us/troubleshoot/power-platform/dataverse/email-exchange-synchronization/exception-when-using-server-side-sync";

export interface FindingCardProps {
  finding: Finding;
  l: Localizer;
  styles: Styles;
  clientUrl: string | null;
  /** Opens an org record inside the app; returns false to let the browser follow the link. */
  onOpenRecord?: (url: string) => boolean;
  /** ok / not-applicable: title and reason only. */
  compact?: boolean;
}

/** One check: its status, why, the evidence, the fix as steps and the links. All server text as text. */
export const FindingCard = React.memo(function FindingCard({ finding, l, styles, clientUrl, onOpenRecord, compact }: FindingCardProps) {
  const titleId = `mbxh-${finding.rule}-title`;
  const links = finding.links.filter((link) => isAllowedUrl(link.url, clientUrl));
  const open = (url: string) => (e: React.MouseEvent<HTMLElement>) => {
    if (onOpenRecord && clientUrl && url.startsWith(clientUrl) && onOpenRecord(url)) e.preventDefault();
  };
  return (
    <li className={styles[finding.status]} aria-labelledby={titleId} data-rule={finding.rule} data-status={finding.status}>
      <div className={styles.badge}>{l.text(`Status_${finding.status}`)}</div>
      <h4 id={titleId} className={styles.cardTitle}>
        {l.text(`Rule_${finding.rule}_Title`)}
      </h4>
      <p className={styles.detail}>{l.message(finding.detail)}</p>
      {!compact && finding.evidence.length > 0 && (
        <>
          <p className={styles.label}>{l.text("Finding_Evidence")}</p>
          <dl className={styles.evidence}>
            {finding.evidence.map((e, i) => (
              <React.Fragment key={`${e.field}-${i}`}>
                <dt className={styles.evidenceField}>{e.field}</dt>
                <dd className={styles.evidenceValue}>{l.evidenceValue(e.value)}</dd>
              </React.Fragment>
            ))}
          </dl>
        </>
      )}
      {!compact && finding.fix.length > 0 && (
        <>
          <p className={styles.label}>{l.text("Finding_Fix")}</p>
          <ol className={styles.steps}>
            {finding.fix.map((step, i) => (
              <li key={i}>{l.message(step)}</li>
            ))}
          </ol>
        </>
      )}
      {!compact && (links.length > 0 || finding.cause !== null) && (
        <>
          <p className={styles.label}>{l.text("Finding_Links")}</p>
          <ul className={styles.links}>
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
            {finding.cause !== null && (
              <li>
                <Link href={learnUrl(ARTICLE_401, l.learnLocale)} target="_blank" rel="noopener noreferrer">
                  {l.text("Finding_Cause", { cause: finding.cause })}
                </Link>
              </li>
            )}
          </ul>
        </>
      )}
    </li>
  );
});
