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
    padding: narrow ? "4px 8px" : `8px ${pad}px`,
    borderRadius: theme.effects.roundedCorner2,
    marginTop: 8,
  });
  return mergeStyleSets({
    root: { color: s.bodyText, width: "100%", minWidth: 0, fontFamily: f.medium.fontFamily, fontSize: f.medium.fontSize },
    headProblem: headline("problem"),
    headWarning: headline("warning"),
    headUnverified: headline("unverified"),
    headOk: headline("ok"),
    headNone: { marginTop: 8 },
    headRow: { display: "flex", alignItems: "flex-start", gap: 8, flexWrap: narrow ? "wrap" : "nowrap" },
    headText: { flex: "1 1 200px", minWidth: 0 },
    headIcon: { paddingTop: 3, flex: "none" },
    verdict: { fontWeight: 600, fontSize: narrow ? f.medium.fontSize : f.mediumPlus.fontSize, lineHeight: narrow ? "20px" : "22px", margin: 0, overflowWrap: "break-word" },
    why: { margin: "2px 0 0 0" },
    meta: {
      color: s.bodySubtext,
      fontSize: f.small.fontSize,
      margin: "2px 0 0 0",
      // On the tinted headline, links take the colours made for message backgrounds.
      selectors: {
        "& a, & a:focus, & a:visited": { color: s.messageLink },
        "& a:hover, & a:active, & a:active:hover": { color: s.messageLinkHovered },
      },
    },
    headAction: { flex: "none", marginLeft: "auto" },
    headFoot: { display: "flex", alignItems: "center", justifyContent: "space-between", gap: 8, marginTop: 2 },
    section: { marginTop: narrow ? 6 : 10, padding: 0 },
    sectionTitle: { fontSize: f.medium.fontSize, fontWeight: 600, margin: "0 0 2px 0" },
    list: { listStyle: "none", margin: 0, padding: 0 },
    row: { borderBottom: `1px solid ${s.bodyDivider}`, padding: narrow ? "3px 0" : "4px 0", overflowWrap: "break-word" },
    rowHead: { display: "flex", alignItems: "flex-start", gap: narrow ? 4 : 6, lineHeight: "20px" },
    toggle: {
      display: "inline",
      background: "none",
      border: "none",
      padding: 0,
      margin: 0,
      color: s.bodyText,
      font: "inherit",
      textAlign: "start",
      cursor: "pointer",
      minWidth: 0,
      selectors: { ":hover": { color: s.linkHovered }, ":focus-visible": { outline: `2px solid ${s.focusBorder}`, outlineOffset: 1 } },
    },
    chevron: { width: narrow ? 10 : 12, flex: "none", color: s.bodySubtext, lineHeight: "20px" },
    rowIcon: { paddingTop: 2, flex: "none", lineHeight: 0 },
    rowTitle: { fontWeight: 600, lineHeight: "20px" },
    reason: { color: s.bodyText },
    rowText: { flex: "1 1 auto", minWidth: 0 },
    // Closed: one line (two at 300 px); the whole sentence is there when opened, and for screen readers.
    rowTextClosed: narrow
      ? { flex: "1 1 auto", minWidth: 0, overflow: "hidden", padding: "2px 0 2px 2px", margin: "-2px 0 -2px -2px" }
      : { flex: "1 1 auto", minWidth: 0, whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis", padding: "2px 0 2px 2px", margin: "-2px 0 -2px -2px" },
    body: { margin: narrow ? "4px 0 4px 0" : "4px 0 4px 36px" },
    label: { fontWeight: 600, fontSize: f.small.fontSize, margin: narrow ? "4px 0 0 0" : "6px 0 2px 0", color: s.bodySubtext },
    evidence: { margin: 0, display: "grid", gridTemplateColumns: narrow ? "1fr" : "fit-content(40%) 1fr", columnGap: 12, rowGap: narrow ? 0 : 2 },
    evidenceField: { margin: 0, marginTop: narrow ? 2 : 0, color: s.bodySubtext },
    logical: { display: "inline-block", marginLeft: 8, fontFamily: "Consolas, 'Courier New', monospace", fontSize: f.xSmall.fontSize, color: s.bodySubtext },
    evidenceValue: { margin: 0, whiteSpace: "pre-wrap", overflowWrap: "break-word", wordBreak: "normal", minWidth: 0 },
    steps: { margin: 0, paddingLeft: 20 },
    links: {
      margin: "6px 0 0 0",
      paddingLeft: 0,
      listStyle: "none",
      display: "flex",
      flexWrap: "wrap",
      columnGap: 16,
      rowGap: narrow ? 4 : 2,
      fontSize: narrow ? f.small.fontSize : undefined,
      lineHeight: narrow ? "16px" : undefined,
    },
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
    disclosureBar: { display: "flex", flexWrap: "wrap", columnGap: 16 },
    hidden: hiddenContentStyle,
    actions: { display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "flex-end" },
  });
}

export type Styles = ReturnType<typeof getStyles>;
