import { hiddenContentStyle, mergeStyleSets } from "@fluentui/react";
import type { Theme } from "@fluentui/react";
import type { Status } from "../model/finding";

/** Class names from the current theme only: no colour is hard-coded. */
export function getStyles(theme: Theme, narrow: boolean) {
  const s = theme.semanticColors;
  const accent: Record<Status, { border: string; background: string }> = {
    problem: { border: s.errorIcon, background: s.errorBackground },
    warning: { border: s.warningIcon, background: s.warningBackground },
    unverified: { border: s.infoIcon, background: s.infoBackground },
    ok: { border: s.successIcon, background: s.bodyBackground },
    "not-applicable": { border: s.bodyDivider, background: s.bodyBackground },
  };
  const card = (status: Status) => ({
    borderLeft: `4px solid ${accent[status].border}`,
    background: accent[status].background,
    color: s.bodyText,
    padding: narrow ? "6px 8px" : "8px 12px",
    borderRadius: theme.effects.roundedCorner2,
    overflowWrap: "anywhere" as const,
  });
  return mergeStyleSets({
    root: { color: s.bodyText, width: "100%", minWidth: 0, fontFamily: theme.fonts.medium.fontFamily },
    header: {
      display: "flex",
      flexWrap: "wrap",
      alignItems: "center",
      gap: 8,
      justifyContent: "space-between",
    },
    verdict: { fontWeight: 600, fontSize: narrow ? theme.fonts.medium.fontSize : theme.fonts.mediumPlus.fontSize, margin: 0 },
    meta: { color: s.bodySubtext, fontSize: theme.fonts.small.fontSize },
    section: { marginTop: 12, padding: 0 },
    sectionTitle: { fontSize: theme.fonts.medium.fontSize, fontWeight: 600, margin: "0 0 6px 0" },
    list: { listStyle: "none", margin: 0, padding: 0, display: "grid", gap: 8 },
    problem: card("problem"),
    warning: card("warning"),
    unverified: card("unverified"),
    ok: card("ok"),
    "not-applicable": card("not-applicable"),
    cardTitle: { fontWeight: 600, margin: 0, fontSize: theme.fonts.medium.fontSize },
    badge: { fontSize: theme.fonts.small.fontSize, color: s.bodySubtext, textTransform: "uppercase", letterSpacing: "0.02em" },
    detail: { margin: "4px 0 0 0" },
    label: { fontWeight: 600, fontSize: theme.fonts.small.fontSize, margin: "8px 0 2px 0" },
    evidence: {
      margin: 0,
      display: "grid",
      gridTemplateColumns: narrow ? "1fr" : "minmax(120px, max-content) 1fr",
      columnGap: 12,
      rowGap: narrow ? 0 : 2,
      fontSize: theme.fonts.small.fontSize,
    },
    evidenceField: { fontFamily: "monospace", color: s.bodySubtext, margin: 0, marginTop: narrow ? 4 : 0 },
    evidenceValue: { margin: 0, whiteSpace: "pre-wrap" },
    steps: { margin: 0, paddingLeft: 20 },
    links: {
      margin: 0,
      paddingLeft: 0,
      listStyle: "none",
      display: "flex",
      flexWrap: "wrap",
      columnGap: 16,
      rowGap: 2,
      // The cards are tinted like message bars: links take the colours made for message backgrounds.
      selectors: {
        "& a, & a:focus, & a:visited": { color: s.messageLink },
        "& a:hover, & a:active, & a:active:hover": { color: s.messageLinkHovered },
      },
    },
    alert: { fontSize: theme.fonts.small.fontSize, whiteSpace: "pre-wrap", overflowWrap: "anywhere" },
    alertTime: { color: s.bodySubtext, fontSize: theme.fonts.small.fontSize },
    hidden: hiddenContentStyle,
    actions: { display: "flex", flexWrap: "wrap", gap: 8, justifyContent: "flex-end" },
  });
}

export type Styles = ReturnType<typeof getStyles>;
