/** @jsx h */
import { useTheme } from "@fluentui/react";
import { h } from "./jsx";
import type { Status } from "../model/finding";
import { statusColor } from "./styles";

export interface StatusIconProps {
  status: Status;
  size: number;
}

/**
 * Each status's shape: a filled disc, a filled triangle or an outlined ring; the mark drawn in it; and a
 * dot under the mark (its centre's y and its radius), if any.
 */
const MARKS: Record<Status, string> = {
  problem: "M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6",
  warning: "M8 6v4",
  unverified: "M6.2 6.2a1.8 1.8 0 1 1 2.6 1.6c-.5.3-.8.6-.8 1.2v.4",
  ok: "M4.6 8.2l2.3 2.3 4.5-4.6",
  "not-applicable": "M5 8h6",
};

/**
 * The status as an inline SVG (no icon font: the MDL2 font comes from a CDN and shows empty boxes
 * offline). Decorative: the status is also said in text next to it. In the theme's colour for the status;
 * the marks inside a filled shape take the background colour, so they read in light and dark themes.
 */
export function StatusIcon({ status, size }: StatusIconProps) {
  const theme = useTheme();
  const color = statusColor(theme, status);
  const ring = status === "unverified" || status === "not-applicable";
  const markColor = ring ? color : theme.semanticColors.bodyBackground;
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden focusable={false}>
      {status === "warning" ? (
        <path d="M8 1L15.5 14.5H.5z" fill={color} />
      ) : (
        <circle cx={8} cy={8} r={ring ? 6.8 : 7.5} fill={ring ? "none" : color} stroke={ring ? color : undefined} strokeWidth={1.4} />
      )}
      <path d={MARKS[status]} fill="none" stroke={markColor} strokeWidth={ring ? 1.4 : 1.6} strokeLinecap="round" strokeLinejoin="round" />
      {status === "warning" && <circle cx={8} cy={12.3} r={0.9} fill={markColor} />}
      {status === "unverified" && <circle cx={8} cy={11.6} r={0.85} fill={markColor} />}
    </svg>
  );
}
