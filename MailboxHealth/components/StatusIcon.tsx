/** @jsx h */
/** @jsxFrag Fragment */
import { useTheme } from "@fluentui/react";
import { Fragment, h } from "./jsx";
import type { Status } from "../model/finding";
import { statusColor } from "./styles";

export interface StatusIconProps {
  status: Status;
  size: number;
}

/**
 * The status as an inline SVG (no icon font: the MDL2 font comes from a CDN and shows empty boxes
 * offline). Decorative: the status is also said in text next to it. In the theme's colour for the status;
 * the marks inside a filled shape take the background colour, so they read in light and dark themes.
 */
export function StatusIcon({ status, size }: StatusIconProps) {
  const theme = useTheme();
  const color = statusColor(theme, status);
  const inner = theme.semanticColors.bodyBackground;
  const disc = <circle cx={8} cy={8} r={7.5} fill={color} />;
  const ring = <circle cx={8} cy={8} r={6.8} fill="none" stroke={color} strokeWidth={1.4} />;
  const shape =
    status === "problem" ? (
      <>
        {disc}
        <path d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6" stroke={inner} strokeWidth={1.6} strokeLinecap="round" />
      </>
    ) : status === "warning" ? (
      <>
        <path d="M8 1L15.5 14.5H.5z" fill={color} />
        <path d="M8 6v4" stroke={inner} strokeWidth={1.6} strokeLinecap="round" />
        <circle cx={8} cy={12.3} r={0.9} fill={inner} />
      </>
    ) : status === "unverified" ? (
      <>
        {ring}
        <path d="M6.2 6.2a1.8 1.8 0 1 1 2.6 1.6c-.5.3-.8.6-.8 1.2v.4" fill="none" stroke={color} strokeWidth={1.4} strokeLinecap="round" />
        <circle cx={8} cy={11.6} r={0.85} fill={color} />
      </>
    ) : status === "ok" ? (
      <>
        {disc}
        <path d="M4.6 8.2l2.3 2.3 4.5-4.6" fill="none" stroke={inner} strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" />
      </>
    ) : (
      <>
        {ring}
        <path d="M5 8h6" stroke={color} strokeWidth={1.4} strokeLinecap="round" />
      </>
    );
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden focusable={false} style={{ flex: "none" }}>
      {shape}
    </svg>
  );
}
