import { hiddenContentStyle, mergeStyleSets } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { Status } from "../model/finding";

/** The colour of each status's icon, from the theme. */
export function statusColor(theme: Theme, status: Status): string {
  const s = theme.semanticColors;
  switch (status) {
    case "problem":
      return s.errorIcon;
    case "warning":
      return s.warningIcon;
    case "ok":
      return s.successIcon;
    case "unverified":
      return s.bodySubtext;
    default:
      return s.disabledBodySubtext || s.bodySubtext;
  }
}

/**
 * Class names from the current theme only: no colour is hard-coded. Sizes follow the Unified Interface
 * form: 14 px values, 12 px secondary text, 600 for titles, thin dividers, no uppercase labels.
 */
export function getStyles(theme: Theme, narrow: boolean) {
  const s = theme.semanticColors;
  const f = theme.fonts;
  const pad = narrow ? 8 : 12;
  const headline = (status: Status) => ({
    borderLeft: `4px solid ${statusColor(theme, status)}`,
    background: status === "problem" ? s.errorBackground : status === "warning" ? s.warningBackground : status === "ok" ? s.successBackground : s.infoBackground,
    color: s.bodyText,
    padding: narrow ? "4px 8px" : `6px ${pad}px`,
    borderRadius: theme.effects.roundedCorner2,
    marginTop: 8,
  });
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
    selectors: { ":hover": { color: s.linkHovered }, ":focus-visible": { outline: `2px solid ${s.focusBorder}`, outlineOffset: 1 } },
  } as const;
  return mergeStyleSets({
    root: { color: s.bodyText, width: "100%", minWidth: 0, fontFamily: f.medium.fontFamily, fontSize: f.medium.fontSize },
    headProblem: headline("problem"),
    headWarning: headline("warning"),
    headUnverified: headline("unverified"),
    headOk: headline("ok"),
    headNone: { marginTop: 8 },
    headRow: narrow ? {} : { display: "flex", alignItems: "flex-start", gap: 8 },
    headText: { flex: "1 1 200px", minWidth: 0 },
    headIcon: narrow ? { display: "inline-block", verticalAlign: "-4px", marginRight: 6, lineHeight: 0 } : { paddingTop: 3, flex: "none" },
    headWhy: narrow ? { display: "inline", marginRight: 6 } : { margin: "2px 0 0 0" },
    verdict: { fontWeight: 600, fontSize: narrow ? f.medium.fontSize : f.mediumPlus.fontSize, lineHeight: narrow ? "20px" : "22px", margin: 0, overflowWrap: "break-word" },
    why: { margin: "2px 0 0 0" },
    meta: {
      color: s.bodySubtext,
      fontSize: f.small.fontSize,
      lineHeight: "16px",
      margin: "2px 0 0 0",
      // On the tinted headline, links take the colours made for message backgrounds.
      selectors: {
        "& a, & a:focus, & a:visited": { color: s.messageLink },
        "& a:hover, & a:active, & a:active:hover": { color: s.messageLinkHovered },
      },
    },
    // Under the verdict: when it was checked (two short lines at most) beside Recheck and the actions.
    headFoot: narrow
      ? { display: "inline", selectors: { "& > div": { display: "inline" } } }
      : { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: 8, rowGap: 4, marginTop: 2, selectors: { "& > div:first-child": { flex: "1 1 160px", margin: 0 } } },
    section: { marginTop: narrow ? 6 : 8, padding: 0 },
    sectionTitle: { fontSize: f.medium.fontSize, fontWeight: 600, margin: "0 0 2px 0" },
    list: { listStyle: "none", margin: 0, padding: 0 },
    row: { borderBottom: `1px solid ${s.bodyDivider}`, padding: "3px 0", overflowWrap: "break-word" },
    rowHead: { display: "flex", alignItems: "flex-start", gap: narrow ? 4 : 6, lineHeight: "20px" },
    toggle,
    // Closed: one line (two at 300 px); the whole sentence is there when opened, and for screen readers.
    toggleClosed: narrow
      ? { ...toggle, display: "-webkit-box", WebkitLineClamp: "2", WebkitBoxOrient: "vertical", overflow: "hidden" }
      : { ...toggle, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" },
    chevron: { display: "inline-block", width: narrow ? 10 : 12, flex: "none", color: s.bodySubtext, lineHeight: "20px" },
    markIcon: { display: "inline-block", verticalAlign: "-3px", lineHeight: 0, margin: "0 4px 0 2px" },
    rowIcon: { paddingTop: 2, flex: "none", lineHeight: 0 },
    rowTitle: { fontWeight: 600, lineHeight: "20px" },
    reason: { color: s.bodyText },
    body: { margin: narrow ? "4px 0 4px 0" : "4px 0 4px 36px" },
    label: { fontWeight: 600, fontSize: f.small.fontSize, margin: narrow ? "4px 0 0 0" : "6px 0 2px 0", color: s.bodySubtext },
    // Two columns at 640 px; at 300 px each row runs as one text, "Label: value logical name".
    evidence: narrow ? { margin: 0, lineHeight: "18px" } : { margin: 0, display: "grid", gridTemplateColumns: "fit-content(40%) 1fr", columnGap: 12, rowGap: 2 },
    evidenceField: narrow ? { display: "inline", margin: 0, color: s.bodySubtext, selectors: { "::after": { content: '": "' } } } : { margin: 0, color: s.bodySubtext },
    logical: { whiteSpace: "nowrap", marginLeft: 2, fontFamily: "Consolas, 'Courier New', monospace", fontSize: f.xSmall.fontSize, color: s.bodySubtext },
    evidenceValue: narrow
      ? { display: "inline", margin: 0, whiteSpace: "pre-line", overflowWrap: "break-word", selectors: { "::after": { content: '"\\A"' } } }
      : { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "break-word", minWidth: 0 },
    steps: { margin: "4px 0 0 0", paddingLeft: 20 },
    // At 300 px the links run on as text (a long one wraps), in the small size.
    links: narrow
      ? { margin: "4px 0 0 0", padding: 0, listStyle: "none", fontSize: f.small.fontSize, lineHeight: "16px", selectors: { "& li": { display: "inline" }, "& li + li::before": { content: '" \\B7  "', color: s.bodySubtext } } }
      : { margin: "4px 0 0 0", padding: 0, listStyle: "none", display: "flex", flexWrap: "wrap", columnGap: 16, rowGap: 2 },
    note: { margin: narrow ? "6px 0 0 0" : "8px 0 0 0" },
    unreadable: {
      borderLeft: `4px solid ${s.bodySubtext}`,
      background: s.infoBackground,
      padding: `6px ${pad}px`,
      borderRadius: theme.effects.roundedCorner2,
      marginTop: 8,
      overflowWrap: "break-word",
    },
    inline: { listStyle: "none", margin: 0, padding: 0 },
    code: { fontFamily: "Consolas, 'Courier New', monospace" },
    alert: { fontSize: f.small.fontSize, whiteSpace: "pre-wrap", overflowWrap: "break-word", padding: "4px 0", borderBottom: `1px solid ${s.bodyDivider}` },
    alertTime: { color: s.bodySubtext, fontSize: f.small.fontSize },
    disclosures: { marginTop: 4 },
    disclosureBar: { display: "flex", flexWrap: "wrap", columnGap: 16, selectors: { "& > button": { flex: "none" } } },
    hidden: hiddenContentStyle,
    actions: { display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "flex-end", marginLeft: "auto", marginTop: narrow ? 4 : 0 },
  });
}

export type Styles = ReturnType<typeof getStyles>;
