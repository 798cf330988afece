import { hiddenContentStyle, mergeStyleSets } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { Status } from "../model/finding";

/** The semantic colour of each status's icon; not applicable takes the disabled subtext. */
const ICON: Record<Status, "errorIcon" | "warningIcon" | "successIcon" | "bodySubtext" | "disabledBodySubtext"> = {
  problem: "errorIcon",
  warning: "warningIcon",
  ok: "successIcon",
  unverified: "bodySubtext",
  "not-applicable": "disabledBodySubtext",
};

/** The colour of each status's icon, from the theme. */
export const statusColor = (theme: Theme, status: Status): string => theme.semanticColors[ICON[status]];

/**
 * Class names from the current theme only: no colour is hard-coded. Sizes follow the Unified Interface
 * form: 14 px values, 12 px secondary text, 600 for titles, thin dividers, no uppercase labels.
 * Selectors sit beside the properties (merge-styles reads an object value as a selector; its `selectors`
 * wrapper is deprecated).
 */
export function getStyles(theme: Theme, narrow: boolean) {
  const s = theme.semanticColors;
  const f = theme.fonts;
  const medium = f.medium.fontSize;
  const small = f.small.fontSize;
  const subtext = s.bodySubtext;
  const pad = `6px ${narrow ? 8 : 12}px`;
  const top4 = "4px 0 0 0";
  // Fluent 2's monospace font (the tokens' fontFamilyMonospace); Fluent v8 themes carry no monospace font.
  const mono = "Consolas, 'Courier New', Courier, monospace";
  const divider = `1px solid ${s.bodyDivider}`;
  // The verdict on the colours of its status; not applicable as ok.
  const headline = (status: Status, background: string) => ({
    borderLeft: `4px solid ${statusColor(theme, status)}`,
    borderRadius: theme.effects.roundedCorner2,
    marginTop: 8,
    background,
    color: s.bodyText,
    padding: narrow ? "4px 8px" : pad,
  });
  const list = { listStyle: "none", margin: 0, padding: 0 };
  const toggle = {
    flex: "1 1 auto",
    minWidth: 0,
    background: "none",
    border: "none",
    padding: "2px 0 2px 2px",
    margin: "-2px 0 -2px -2px",
    color: s.bodyText,
    font: "inherit",
    lineHeight: "20px",
    textAlign: "start",
    cursor: "pointer",
    ":hover": { color: s.linkHovered }, ":focus-visible": { outline: `2px solid ${s.focusBorder}`, outlineOffset: 1 },
  } as const;
  return mergeStyleSets({
    root: { color: s.bodyText, width: "100%", minWidth: 0, fontFamily: f.medium.fontFamily, fontSize: medium },
    problem: headline("problem", s.errorBackground),
    warning: headline("warning", s.warningBackground),
    unverified: headline("unverified", s.infoBackground),
    ok: headline("ok", s.successBackground),
    headNone: { marginTop: 8 },
    headRow: narrow ? {} : { display: "flex", alignItems: "flex-start", gap: 8 },
    headText: { flex: "1 1 200px", minWidth: 0 },
    headIcon: narrow ? { display: "inline-block", verticalAlign: "-4px", marginRight: 6, lineHeight: 0 } : { paddingTop: 3, flex: "none" },
    headWhy: narrow ? { display: "inline", marginRight: 6 } : { marginTop: 2 },
    verdict: { fontWeight: 600, fontSize: narrow ? medium : f.mediumPlus.fontSize, lineHeight: narrow ? "20px" : "22px", margin: 0, overflowWrap: "break-word" },
    why: { marginTop: 2 },
    meta: {
      color: subtext,
      fontSize: small,
      lineHeight: "16px",
      marginTop: 2,
      // On the tinted headline, links take the colours made for message backgrounds.
      "& a, & a:focus, & a:visited": { color: s.messageLink },
      "& a:hover, & a:active, & a:active:hover": { color: s.messageLinkHovered },
    },
    // Under the verdict: when it was checked (two short lines at most) beside Recheck and the actions.
    headFoot: narrow
      ? { display: "inline", "& > div": { display: "inline" } }
      : { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: 8, rowGap: 4, marginTop: 2, "& > div:first-child": { flex: "1 1 160px", margin: 0 } },
    section: { marginTop: narrow ? 6 : 8 },
    // An h4 is 1em: the root's size.
    sectionTitle: { fontWeight: 600, margin: "0 0 2px 0" },
    list,
    row: { borderBottom: divider, padding: "3px 0", overflowWrap: "break-word" },
    rowHead: { display: "flex", alignItems: "flex-start", gap: narrow ? 4 : 6, lineHeight: "20px" },
    toggle,
    // Closed: one line (two at 300 px); the whole sentence is there when opened, and for screen readers.
    toggleClosed: narrow
      ? { ...toggle, display: "-webkit-box", WebkitLineClamp: "2", WebkitBoxOrient: "vertical", overflow: "hidden" }
      : { ...toggle, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
    // Line heights of 20px come from the row or the toggle around the chevron and the title.
    chevron: { display: "inline-block", width: narrow ? 10 : 12, flex: "none", color: subtext },
    markIcon: { display: "inline-block", verticalAlign: "-3px", lineHeight: 0, margin: "0 4px 0 2px" },
    rowIcon: { paddingTop: 2, flex: "none", lineHeight: 0 },
    rowTitle: { fontWeight: 600 },
    reason: { color: s.bodyText },
    body: { margin: narrow ? "4px 0" : "4px 0 4px 36px" },
    label: { fontWeight: 600, fontSize: small, margin: narrow ? top4 : "6px 0 2px 0", color: subtext },
    // Two columns at 640 px; at 300 px each row runs as one text, "Label: value logical name". Long words
    // break as the row (an inherited overflow-wrap) says.
    evidence: narrow ? { margin: 0, lineHeight: "18px" } : { margin: 0, display: "grid", gridTemplateColumns: "fit-content(40%) 1fr", columnGap: 12, rowGap: 2 },
    evidenceField: narrow ? { display: "inline", color: subtext, "::after": { content: '": "' } } : { color: subtext },
    logical: { whiteSpace: "nowrap", marginLeft: 2, fontFamily: mono, fontSize: f.xSmall.fontSize, color: subtext },
    evidenceValue: narrow
      ? { display: "inline", margin: 0, whiteSpace: "pre-line", "::after": { content: '"\\A"' } }
      : { margin: 0, whiteSpace: "pre-wrap", minWidth: 0 },
    steps: { margin: top4, paddingLeft: 20 },
    // At 300 px the links run on as text (a long one wraps), in the small size.
    links: narrow
      ? { ...list, margin: top4, fontSize: small, lineHeight: "16px", "& li": { display: "inline" }, "& li + li::before": { content: '" \\B7  "', color: subtext } }
      : { ...list, margin: top4, display: "flex", flexWrap: "wrap", columnGap: 16, rowGap: 2 },
    // Bold text on the form is semibold (600), as in Fluent, not the browser's bold (700).
    note: { marginTop: narrow ? 6 : 8, "& strong": { fontWeight: 600 } },
    unreadable: { borderLeft: `4px solid ${subtext}`, borderRadius: theme.effects.roundedCorner2, marginTop: 8, background: s.infoBackground, padding: pad, overflowWrap: "break-word" },
    code: { fontFamily: mono },
    alert: { fontSize: small, whiteSpace: "pre-wrap", overflowWrap: "break-word", padding: "4px 0", borderBottom: divider },
    alertTime: { color: subtext },
    disclosures: { marginTop: 4 },
    disclosureBar: { display: "flex", flexWrap: "wrap", columnGap: 16, "& > button": { flex: "none" } },
    hidden: hiddenContentStyle,
    actions: { display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "flex-end", marginLeft: "auto", marginTop: narrow ? 4 : 0 },
  });
}

export type Styles = ReturnType<typeof getStyles>;
